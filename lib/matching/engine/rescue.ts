import { pairWeight, type Problem, tagCount } from "./problem";

// Caps the holders scanned per stranded participant and in total, so hopeless searches stay cheap.
const SCAN_LIMIT_PER_USER = 20_000;
const SCAN_BUDGET_BASE = 2_000_000;
const SCAN_BUDGET_PER_PARTICIPANT = 20;

/**
 * Rescues participants left without a partner sharing a tag: for a stranded u it looks for a
 * pair (v, w) where v shares a tag with u and w shares one with another stranded x, then
 * re-pairs as (u, v), (w, x) — an augmenting path of length 3 in the "shares a tag and never
 * met" graph. Guarantees: each change adds one pair with common tags, strictly raises the
 * objective and never introduces a repeat.
 */
export function rescueStranded(p: Problem, mate: Int32Array, order: Int32Array): void {
  const stranded: number[] = [];
  for (let o = 0; o < p.n; o++) {
    const u = order[o]!;
    if (mate[u]! < 0 && tagCount(p, u) > 0) stranded.push(u);
  }
  if (stranded.length < 2) return;

  // Stranded participants per tag (CSR), plus how many of them are still unmatched.
  const freeCount = new Int32Array(p.tagTotal);
  for (const u of stranded) forEachTag(p, u, (t) => freeCount[t]!++);
  const freeStart = new Int32Array(p.tagTotal + 1);
  for (let t = 0; t < p.tagTotal; t++) freeStart[t + 1] = freeStart[t]! + freeCount[t]!;
  const freeList = new Int32Array(freeStart[p.tagTotal]!);
  const fill = freeStart.slice(0, p.tagTotal);
  for (const u of stranded) forEachTag(p, u, (t) => (freeList[fill[t]!++] = u));

  const pair = (a: number, b: number): void => {
    for (const x of [a, b]) if (mate[x]! < 0) forEachTag(p, x, (t) => freeCount[t]!--);
    mate[a] = b;
    mate[b] = a;
  };

  // A still-unmatched stranded participant x != u sharing a tag with w and never met by w, or -1.
  const freePartnerOf = (w: number, u: number): number => {
    for (let i = p.tagStart[w]!; i < p.tagStart[w + 1]!; i++) {
      const t = p.tagList[i]!;
      if (freeCount[t]! === 0) continue;
      for (let j = freeStart[t]!; j < freeStart[t + 1]!; j++) {
        const x = freeList[j]!;
        if (x !== u && mate[x]! < 0 && !p.met.has(w, x)) return x;
      }
    }
    return -1;
  };

  let budget = SCAN_BUDGET_BASE + SCAN_BUDGET_PER_PARTICIPANT * p.n;
  for (const u of stranded) {
    if (mate[u]! >= 0) continue;
    if (budget <= 0) break;
    let scanned = 0;
    search: for (let i = p.tagStart[u]!; i < p.tagStart[u + 1]!; i++) {
      const t = p.tagList[i]!;
      for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]!; j++) {
        if (++scanned > SCAN_LIMIT_PER_USER || --budget < 0) break search;
        const v = p.holderList[j]!;
        if (v === u || p.met.has(u, v)) continue;
        const w = mate[v]!;
        if (w < 0) {
          pair(u, v); // a free tag-sharing partner the greedy missed (slot was taken)
          break search;
        }
        const x = freePartnerOf(w, u);
        if (x < 0) continue;
        const gain = pairWeight(p, u, v) + pairWeight(p, w, x) - pairWeight(p, v, w);
        if (gain <= 0) continue;
        pair(u, v);
        pair(w, x);
        break search;
      }
    }
  }
}

// Calls fn for every tag of participant u.
function forEachTag(p: Problem, u: number, fn: (t: number) => void): void {
  for (let i = p.tagStart[u]!; i < p.tagStart[u + 1]!; i++) fn(p.tagList[i]!);
}
