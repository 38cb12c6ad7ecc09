import { augmentMatching } from "./augment";
import { completeMatching } from "./completion";
import { EXACT_LIMIT, exactPairs, type PairingDuals } from "./exact-pairs";
import { searchTrio } from "./exact-trio";
import { greedyByCommonTags } from "./greedy";
import type { Problem } from "./problem";
import { rescueStranded } from "./rescue";
import { createRng, shuffledRange } from "./rng";
import { placeLeftover, type Trio } from "./trio";

/** Groups on dense indices, plus (heuristic path only) the tag-sharing matching they grew from. */
export interface DenseSolution {
  groups: number[][];
  sharedTagMatching: Int32Array | null; // mate array right after maximising tag-sharing pairs
}

// The pipeline on dense indices: exact for n <= EXACT_LIMIT, heuristic above; `initialMate`
// (a near-maximum partial matching of never-met pairs) skips the construction and only repairs
// and completes it. Guarantees: every index in exactly one group, pairs plus exactly one trio when
// n is odd (no groups when n < 2), deterministic for (p, seed, initialMate).
export function solveDense(p: Problem, seed: number, initialMate?: Int32Array): DenseSolution {
  if (p.n < 2) return { groups: [], sharedTagMatching: null };
  const rng = createRng(seed);
  const order = shuffledRange(p.n, rng); // every tie-break follows this seeded order
  const mate = initialMate ?? new Int32Array(p.n).fill(-1);

  let duals: PairingDuals | null = null;
  let sharedTagMatching: Int32Array | null = null;
  if (initialMate === undefined && p.n <= EXACT_LIMIT) {
    duals = exactPairs(p, mate, order);
  } else {
    if (initialMate === undefined) greedyByCommonTags(p, mate, order, rng); // heavy pairs first
    rescueStranded(p, mate, order); // cheap length-3 fixes for people without a tag-sharing partner
    // Remaining longer augmenting paths (a warm start is already maximum up to a few local fixes).
    if (initialMate === undefined) augmentMatching(p, mate, order, "shared-tags");
    sharedTagMatching = mate.slice();
  }
  completeMatching(p, mate, order); // everyone else, avoiding repeats (then the longest-ago met)
  const trio = p.n % 2 === 1 ? placeLeftover(p, mate, order) : null;
  const groups = collectGroups(p, mate, trio);
  return {
    groups: trio !== null && duals !== null ? searchTrio(p, order, duals, groups) : groups,
    sharedTagMatching,
  };
}

// Groups in dense-index order: pairs as [lower, higher], the trio as its host pair + the extra.
function collectGroups(p: Problem, mate: Int32Array, trio: Trio | null): number[][] {
  const groups: number[][] = [];
  for (let u = 0; u < p.n; u++) {
    const v = mate[u]!;
    if (v <= u) continue;
    const group = [u, v];
    if (trio !== null && (u === trio.hostA || u === trio.hostB)) group.push(trio.extra);
    groups.push(group);
  }
  return groups;
}
