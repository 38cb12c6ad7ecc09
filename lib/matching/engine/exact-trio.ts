import { exactPairs, type PairingDuals } from "./exact-pairs";
import { isBetter, type GroupingScore, scoreGroups } from "./grouping-score";
import { pairWeight, type Problem } from "./problem";

// Exact re-solves allowed: about TRIAL_WORK / n^3 of them (O(n^3) each), clamped. On random
// instances the winning triangle is almost always the first or second one tried.
const TRIAL_WORK = 8_000_000;
const MIN_TRIALS = 6;
const MAX_TRIALS = 300;

/**
 * Exact trio choice for small odd n (branch and bound). For a trio T the best grouping is
 * w(T) + (best pairing of the others). The duals of the pairing of everyone bound that pairing
 * from above for every T, so triangles are tried in order of this bound and the search stops
 * once no untried triangle can beat the best grouping found. Guarantees: never worse than
 * `baseline`; exactly optimal unless the trial budget runs out first.
 */
export function searchTrio(p: Problem, order: Int32Array, duals: PairingDuals, baseline: number[][]): number[][] {
  const n = p.n;
  const weights = new Int32Array(n * n).fill(-1); // -1: met before (not allowed)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!p.met.has(i, j)) weights[i * n + j] = weights[j * n + i] = pairWeight(p, i, j);
    }
  }
  const u = duals.vertexDual;
  // Bound(T) = sum of duals of the others + blossom terms (a blossom losing 2-3 members loses one pair).
  let dualTotal = 0;
  for (let v = 0; v < n; v++) dualTotal += u[v]!;
  for (const b of duals.blossoms) dualTotal += (b.dual * (b.members.length - 1)) / 2;
  const blossomsOf: number[][] = Array.from({ length: n }, () => []);
  duals.blossoms.forEach((b, id) => b.members.forEach((v) => blossomsOf[v]!.push(id)));

  let best = baseline;
  let bestScore: GroupingScore = scoreGroups(p, baseline);
  const target = (): number => (bestScore.repeats === 0 ? bestScore.weight : -Infinity);

  // Keep the `trials` triangles with the highest bound, best first.
  const trials = Math.max(MIN_TRIALS, Math.min(MAX_TRIALS, Math.floor(TRIAL_WORK / (n * n * n))));
  const candidates: Candidate[] = [];
  for (let x = 0; x < n; x++) {
    for (let a = x + 1; a < n; a++) {
      const wxa = weights[x * n + a]!;
      if (wxa < 0) continue;
      for (let b = a + 1; b < n; b++) {
        const wxb = weights[x * n + b]!;
        const wab = weights[a * n + b]!;
        if (wxb < 0 || wab < 0) continue;
        const weight = wxa + wxb + wab;
        let bound = dualTotal - u[x]! - u[a]! - u[b]! + weight;
        if (blossomsOf[x]!.length + blossomsOf[a]!.length + blossomsOf[b]!.length > 0) {
          bound -= sharedBlossomDual(duals, blossomsOf, x, a, b);
        }
        if (bound <= target()) continue;
        if (candidates.length === trials && bound <= candidates[trials - 1]!.bound) continue;
        insertSorted(candidates, { x, a, b, bound }, trials);
      }
    }
  }

  const mate = new Int32Array(n);
  const excluded = new Uint8Array(n);
  for (const c of candidates) {
    if (c.bound <= target()) break; // nothing left can beat the best grouping
    excluded.fill(0);
    excluded[c.x] = excluded[c.a] = excluded[c.b] = 1;
    mate.fill(-1);
    exactPairs(p, mate, order, excluded);
    const groups: number[][] = [[c.x, c.a, c.b]];
    let perfect = true;
    for (let v = 0; v < n; v++) {
      if (excluded[v] === 1) continue;
      if (mate[v]! < 0) perfect = false;
      else if (mate[v]! > v) groups.push([v, mate[v]!]);
    }
    if (!perfect) continue; // someone would need a repeat; the baseline handles that case
    const score = scoreGroups(p, groups);
    if (isBetter(score, bestScore)) {
      best = groups;
      bestScore = score;
    }
  }
  return best;
}

interface Candidate {
  x: number;
  a: number;
  b: number;
  bound: number;
}

// Inserts c into the descending list, keeping at most `limit` entries (ties: first found first).
function insertSorted(list: Candidate[], c: Candidate, limit: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.bound < c.bound) i--;
  list.splice(i, 0, c);
  if (list.length > limit) list.pop();
}

// Dual of the blossoms that contain at least two of x, a, b (they lose one pair each).
function sharedBlossomDual(duals: PairingDuals, blossomsOf: number[][], x: number, a: number, b: number): number {
  let total = 0;
  const inX = blossomsOf[x]!;
  const inA = blossomsOf[a]!;
  const inB = blossomsOf[b]!;
  for (const id of inX) if (inA.includes(id) || inB.includes(id)) total += duals.blossoms[id]!.dual;
  for (const id of inA) if (!inX.includes(id) && inB.includes(id)) total += duals.blossoms[id]!.dual;
  return total;
}
