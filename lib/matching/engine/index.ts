import { solveDense } from "./pipeline";
import { buildProblem } from "./problem";
import { improveTrioChoice } from "./trio-search";
import type { MatchingInput, MatchingResult } from "./types";

export type { MatchingInput, MatchingMeeting, MatchingParticipant, MatchingResult } from "./types";
export { evaluateMatching, objective, type MatchingMetrics } from "./metrics";

/**
 * Weekly matching. Guarantees: everyone is in exactly one group; groups are pairs plus exactly one
 * trio when the count is odd (0–1 participants: no groups); no pair repeats an earlier meeting
 * unless a participant has no never-met partner left (then the one met longest ago); the sum of
 * pair weights (100 for sharing any hobby + number shared) is maximal for n <= 128 (exact
 * blossom matching + branch and bound for the trio) and near-maximal above (greedy + augmenting
 * paths, typically > 99.8 % of the optimum); output depends only on the input and the seed.
 */
export function solveMatching(input: MatchingInput): MatchingResult {
  const p = buildProblem(input);
  const groups = improveTrioChoice(p, input, solveDense(p, input.seed));
  return { groups: groups.map((group) => group.map((u) => p.ids[u]!)) };
}
