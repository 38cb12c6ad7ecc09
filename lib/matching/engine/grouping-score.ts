// How two groupings compare, shared by the pipeline's trio search (exact-trio.ts) and the heuristic
// trio trials (trio-search.ts); kept apart from pipeline.ts so that exact-trio.ts need not import it.
import { pairWeight, type Problem } from "./problem";

/** Quality of a grouping, compared repeats first (fewer is better), then weight (more is better). */
export interface GroupingScore {
  repeats: number;
  weight: number;
}

// Repeats and total weight of dense-index groups (a trio counts its three pairs).
export function scoreGroups(p: Problem, groups: number[][]): GroupingScore {
  const score: GroupingScore = { repeats: 0, weight: 0 };
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (p.met.has(group[i]!, group[j]!)) score.repeats++;
        score.weight += pairWeight(p, group[i]!, group[j]!);
      }
    }
  }
  return score;
}

// True when score a is strictly better than b.
export function isBetter(a: GroupingScore, b: GroupingScore): boolean {
  return a.repeats < b.repeats || (a.repeats === b.repeats && a.weight > b.weight);
}
