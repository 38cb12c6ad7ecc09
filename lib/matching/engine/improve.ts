import { pairWeight, type Problem } from "./problem";

// Partner candidates examined per participant and pass (through its tags, rarest first).
const CANDIDATES_PER_PARTICIPANT = 24;
// Below this size every participant is a candidate (exhaustive 2-opt).
const EXHAUSTIVE_LIMIT = 1500;
const MAX_PASSES = 4;

/**
 * 2-opt local search on pairs: replaces (a, b), (c, d) by (a, c), (b, d) when both new pairs never
 * met and the weight strictly rises. Guarantees: never creates a repeat, never unmatches anyone,
 * the objective never decreases. Candidates c come from a's tag holders (all participants for
 * small n, where the swap may also trade weight-0 pairs).
 */
export function improvePairs(p: Problem, mate: Int32Array, order: Int32Array): void {
  const exhaustive = p.n <= EXHAUSTIVE_LIMIT;
  const trySwap = (a: number, c: number): boolean => {
    const b = mate[a]!;
    const d = mate[c]!;
    if (c === a || c === b || d < 0 || p.met.has(a, c) || p.met.has(b, d)) return false;
    const gain = pairWeight(p, a, c) + pairWeight(p, b, d) - pairWeight(p, a, b) - pairWeight(p, c, d);
    if (gain <= 0) return false;
    mate[a] = c;
    mate[c] = a;
    mate[b] = d;
    mate[d] = b;
    return true;
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let o = 0; o < p.n; o++) {
      const a = order[o]!;
      if (mate[a]! < 0) continue;
      if (exhaustive) {
        for (let k = 0; k < p.n; k++) if (trySwap(a, order[k]!)) improved = true;
        continue;
      }
      let budget = CANDIDATES_PER_PARTICIPANT;
      for (let i = p.tagStart[a]!; i < p.tagStart[a + 1]! && budget > 0; i++) {
        const t = p.tagList[i]!;
        for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]! && budget > 0; j++, budget--) {
          if (trySwap(a, p.holderList[j]!)) improved = true;
        }
      }
    }
    if (!improved) break;
  }
}
