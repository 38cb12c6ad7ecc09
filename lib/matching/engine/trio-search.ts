import { type AlternatingForest, freeByFlip, growForest } from "./alternating-forest";
import { EXACT_LIMIT } from "./exact-pairs";
import { isBetter, scoreGroups } from "./grouping-score";
import { type DenseSolution, solveDense } from "./pipeline";
import { buildProblem, pairWeight, type Problem } from "./problem";
import { shuffledRange, createRng } from "./rng";
import type { MatchingInput } from "./types";

// Heuristic trio trials for odd n between EXACT_LIMIT and TRIAL_MAX_N (below, exact-trio.ts is
// exact; above, one misplaced trio costs ~100 of an objective > 2.4 * 10^4, i.e. < 0.4 %).
const TRIAL_MAX_N = 500;
const HOST_TRIALS = 6; // an inessential participant joins an existing pair
const TRIANGLE_TRIALS = 4; // three inessential participants form the trio
// Candidates per tag considered when looking for hosts / triangles.
const PER_TAG = 24;
const TRIANGLE_PER_TAG = 12;

/**
 * Odd n: the pipeline pairs everyone and then places the leftover, which misses trios that need
 * a different pairing around them. Participants that some maximum tag-sharing matching leaves
 * out are "even" in the alternating forest, and freeing them by path flips keeps every
 * tag-sharing pair. Trials: an even participant joins a pair whose members both share a tag with
 * it (+2 tag-sharing pairs), or three even participants form a tag-sharing triangle (+3). Each
 * trial fixes the trio and re-completes the rest of the grouping from the flipped matching.
 * Guarantees: the result is never worse (repeats, then weight) than the solution's groups.
 */
export function improveTrioChoice(p: Problem, input: MatchingInput, solution: DenseSolution): number[][] {
  let best = solution.groups;
  const start = solution.sharedTagMatching;
  if (p.n % 2 === 0 || p.n <= EXACT_LIMIT || p.n > TRIAL_MAX_N || start === null) return best;
  let bestScore = scoreGroups(p, best);
  const order = shuffledRange(p.n, createRng(input.seed));
  const blocked = new Uint8Array(p.n);
  const forest = growForest(p, start, order, blocked);
  const fullIndex = new Map<number, number>();
  p.ids.forEach((id, u) => fullIndex.set(id, u));

  const trials = [...hostTrios(p, forest, start, HOST_TRIALS), ...forestTriangles(p, forest, TRIANGLE_TRIALS)];
  for (const triangle of trials) {
    // Free the three one after another, regrowing the forest around the ones already freed.
    const mate = start.slice();
    blocked.fill(0);
    let freed = true;
    for (const x of triangle) {
      if (mate[x]! >= 0 && triangle.includes(mate[x]!)) continue; // the host pair stays as it is
      const current = growForest(p, mate, order, blocked, x);
      if (current.root[x]! < 0) {
        freed = false;
        break;
      }
      freeByFlip(current, mate, x);
      blocked[x] = 1;
    }
    if (!freed) continue;
    for (const x of triangle) {
      if (mate[x]! >= 0) mate[mate[x]!] = -1; // a partner outside the trio is re-paired later
      mate[x] = -1;
    }
    const inTriangle = new Set(triangle);
    const rest = buildProblem({
      participants: input.participants.filter((_, u) => !inTriangle.has(u)),
      history: input.history,
      seed: input.seed,
    });
    const toFull = rest.ids.map((id) => fullIndex.get(id)!);
    const toRest = new Map<number, number>(toFull.map((u, r) => [u, r]));
    const restMate = Int32Array.from(toFull, (u) => (mate[u]! < 0 ? -1 : toRest.get(mate[u]!)!));
    const candidate = solveDense(rest, input.seed, restMate).groups.map((group) => group.map((r) => toFull[r]!));
    candidate.push(triangle);
    const score = scoreGroups(p, candidate);
    if (isBetter(score, bestScore)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

// For the best-connected even vertices x: [x, a, b] where (a, b) is a pair of `mate` whose members
// both share a tag with x and never met x (x joins them, adding two tag-sharing pairs).
function hostTrios(p: Problem, forest: AlternatingForest, mate: Int32Array, limit: number): number[][] {
  const found: Array<{ trio: number[]; gain: number }> = [];
  for (let x = 0; x < p.n; x++) {
    if (forest.root[x]! < 0) continue;
    let best: { trio: number[]; gain: number } | null = null;
    for (let i = p.tagStart[x]!; i < p.tagStart[x + 1]!; i++) {
      const t = p.tagList[i]!;
      for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]! && j < p.holderStart[t]! + PER_TAG; j++) {
        const a = p.holderList[j]!;
        const b = mate[a]!;
        if (a === x || b < 0 || b === x || p.met.has(x, a) || p.met.has(x, b)) continue;
        const gain = pairWeight(p, x, a) + pairWeight(p, x, b);
        if (pairWeight(p, x, b) > 0 && (best === null || gain > best.gain)) best = { trio: [x, a, b], gain };
      }
    }
    if (best !== null) found.push(best);
  }
  found.sort((u, v) => v.gain - u.gain || u.trio[0]! - v.trio[0]!);
  return found.slice(0, limit).map((entry) => entry.trio);
}

// Heaviest never-met triangles of tag-sharing even vertices. All holders of a tag pairwise share
// it, so triangles are searched tag by tag among a few even holders of each tag.
function forestTriangles(p: Problem, forest: AlternatingForest, limit: number): number[][] {
  const best: Array<{ triangle: number[]; weight: number }> = []; // descending, at most `limit`
  const seen = new Set<number>();
  for (let t = 0; t < p.tagTotal; t++) {
    const evens: number[] = [];
    for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]! && evens.length < TRIANGLE_PER_TAG; j++) {
      if (forest.root[p.holderList[j]!]! >= 0) evens.push(p.holderList[j]!);
    }
    evens.sort((u, v) => u - v);
    for (let i = 0; i < evens.length; i++) {
      for (let j = i + 1; j < evens.length; j++) {
        const x = evens[i]!;
        const a = evens[j]!;
        if (p.met.has(x, a)) continue;
        for (let k = j + 1; k < evens.length; k++) {
          const b = evens[k]!;
          if (p.met.has(x, b) || p.met.has(a, b)) continue;
          const key = (x * p.n + a) * p.n + b; // x < a < b, exact for n < 2^17
          if (seen.has(key)) continue;
          seen.add(key);
          const weight = pairWeight(p, x, a) + pairWeight(p, x, b) + pairWeight(p, a, b);
          if (best.length === limit && weight <= best[limit - 1]!.weight) continue;
          let at = best.length;
          while (at > 0 && best[at - 1]!.weight < weight) at--;
          best.splice(at, 0, { triangle: [x, a, b], weight });
          if (best.length > limit) best.pop();
        }
      }
    }
  }
  return best.map((entry) => entry.triangle);
}
