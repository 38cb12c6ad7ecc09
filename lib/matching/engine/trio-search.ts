import { buildProblem, pairWeight, type Problem, tagCount } from "./problem";
import { isBetter, scoreGroups, solveDense } from "./pipeline";
import type { MatchingInput } from "./types";

// Only small odd instances get extra trials: there one misplaced trio costs ~100 out of ~50 per
// participant (several %), while for large n the same loss is far below 0.1 %.
const TRIAL_LIMITS: Array<{ maxN: number; trials: number }> = [
  { maxN: 400, trials: 12 },
  { maxN: 2000, trials: 4 },
];
// Holders per tag considered as trio partners of a candidate extra member.
const PARTNERS_PER_TAG = 6;

/**
 * Odd n: the pipeline first pairs everyone and then places the leftover, which can miss a trio
 * that needs a different pairing around it. This tries "trio first": fix a promising never-met
 * triangle of tag-sharing participants, solve the remaining even instance, and keep the better
 * grouping. Guarantees: the result is never worse (repeats, then weight) than `groups`.
 */
export function improveTrioChoice(p: Problem, input: MatchingInput, groups: number[][]): number[][] {
  const trials = TRIAL_LIMITS.find((limit) => p.n <= limit.maxN)?.trials ?? 0;
  if (p.n % 2 === 0 || p.n < 5 || trials === 0) return groups;
  let best = groups;
  let bestScore = scoreGroups(p, groups);
  for (const triangle of candidateTriangles(p, groups, trials)) {
    const inTriangle = new Set(triangle);
    const rest = buildProblem({
      participants: input.participants.filter((_, u) => !inTriangle.has(u)),
      history: input.history,
      seed: input.seed,
    });
    const restIndex = indexMap(p, rest);
    const candidate = solveDense(rest, input.seed).map((group) => group.map((u) => restIndex[u]!));
    candidate.push(triangle);
    const score = scoreGroups(p, candidate);
    if (isBetter(score, bestScore)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

// Full-problem index of each index of `rest` (a sub-instance of p).
function indexMap(p: Problem, rest: Problem): number[] {
  const fullIndex = new Map<number, number>();
  p.ids.forEach((id, u) => fullIndex.set(id, u));
  return rest.ids.map((id) => fullIndex.get(id)!);
}

// Heaviest never-met triangles through participants that look cheap to take out of the pairing:
// tagged members of weight-0 pairs and of the current trio. All holders of one tag pairwise share
// it, so a triangle is searched among the best few holders of each tag of the extra member.
function candidateTriangles(p: Problem, groups: number[][], limit: number): number[][] {
  const extras: number[] = [];
  for (const group of groups) {
    const a = group[0]!;
    const b = group[1]!;
    if (group.length === 3) extras.push(...group);
    else if (pairWeight(p, a, b) === 0) extras.push(a, b);
  }
  const found = new Map<string, { triangle: number[]; weight: number }>();
  for (const x of extras) {
    if (tagCount(p, x) === 0) continue;
    let best: { triangle: number[]; weight: number } | null = null;
    for (let i = p.tagStart[x]!; i < p.tagStart[x + 1]!; i++) {
      const partners = topPartners(p, x, p.tagList[i]!);
      for (let j = 0; j < partners.length; j++) {
        for (let k = j + 1; k < partners.length; k++) {
          const a = partners[j]!;
          const b = partners[k]!;
          if (p.met.has(a, b)) continue;
          const weight = pairWeight(p, x, a) + pairWeight(p, x, b) + pairWeight(p, a, b);
          if (best === null || weight > best.weight) best = { triangle: [x, a, b], weight };
        }
      }
    }
    if (best !== null) found.set([...best.triangle].sort((u, v) => u - v).join(","), best);
  }
  return [...found.values()]
    .sort((u, v) => v.weight - u.weight)
    .slice(0, limit)
    .map((entry) => entry.triangle);
}

// The PARTNERS_PER_TAG holders of tag t sharing the most tags with x and never met by x.
function topPartners(p: Problem, x: number, t: number): number[] {
  const scored: Array<{ u: number; weight: number }> = [];
  for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]!; j++) {
    const u = p.holderList[j]!;
    if (u !== x && !p.met.has(x, u)) scored.push({ u, weight: pairWeight(p, x, u) });
  }
  scored.sort((a, b) => b.weight - a.weight || a.u - b.u);
  return scored.slice(0, PARTNERS_PER_TAG).map((entry) => entry.u);
}
