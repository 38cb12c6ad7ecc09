import type { MatchingInput } from "./types";

/** Quality figures of a set of groups, defined exactly as in shared/bench/matching/score.py. */
export interface MatchingMetrics {
  objective: number; // 100 * pairsWithCommon + totalCommon
  pairsInGroups: number; // a pair counts 1, a trio its 3 pairs
  pairsWithCommon: number;
  totalCommon: number;
  repeats: number; // pairs inside groups that met in history
  trios: number;
  unmatched: number; // participants in no group of size 2 or 3
  duplicates: number; // extra occurrences of participants listed more than once
  invalidIds: number; // group entries that are not participants
  badGroupSizes: number; // groups whose size is not 2 or 3
}

// Scores groups like score.py: sizes other than 2/3 are excluded, unknown ids are counted apart.
export function evaluateMatching(groups: number[][], input: MatchingInput): MatchingMetrics {
  const tagsOf = new Map<number, Set<number>>();
  for (const participant of input.participants) tagsOf.set(participant.id, new Set(participant.hobbies));
  const past = new Set<string>();
  for (const { a, b } of input.history) if (a !== b) past.add(a < b ? `${a},${b}` : `${b},${a}`);

  const metrics: MatchingMetrics = {
    objective: 0,
    pairsInGroups: 0,
    pairsWithCommon: 0,
    totalCommon: 0,
    repeats: 0,
    trios: 0,
    unmatched: 0,
    duplicates: 0,
    invalidIds: 0,
    badGroupSizes: 0,
  };
  const seen = new Map<number, number>();
  const matched = new Set<number>();
  for (const group of groups) {
    const members: number[] = [];
    for (const id of group) {
      if (tagsOf.has(id)) {
        seen.set(id, (seen.get(id) ?? 0) + 1);
        members.push(id);
      } else {
        metrics.invalidIds++;
      }
    }
    if (group.length !== 2 && group.length !== 3) {
      metrics.badGroupSizes++;
      continue;
    }
    if (group.length === 3) metrics.trios++;
    for (const id of members) matched.add(id);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (a === b) continue;
        metrics.pairsInGroups++;
        if (past.has(a < b ? `${a},${b}` : `${b},${a}`)) metrics.repeats++;
        const tagsB = tagsOf.get(b)!;
        let common = 0;
        for (const tag of tagsOf.get(a)!) if (tagsB.has(tag)) common++;
        metrics.totalCommon += common;
        if (common > 0) metrics.pairsWithCommon++;
      }
    }
  }
  for (const count of seen.values()) if (count > 1) metrics.duplicates += count - 1;
  metrics.unmatched = tagsOf.size - matched.size;
  metrics.objective = 100 * metrics.pairsWithCommon + metrics.totalCommon;
  return metrics;
}

// The quantity the matcher maximises: 100 * (pairs sharing >= 1 tag) + total shared tags.
export function objective(groups: number[][], input: MatchingInput): number {
  return evaluateMatching(groups, input).objective;
}
