import { commonTags, type Problem, tagCount } from "./problem";
import type { Rng } from "./rng";

// Above these limits a participant skips a level (too many tag subsets); lower levels still see them.
const MAX_SUBSETS_PER_LEVEL = 70;
const MAX_TAGS_FOR_SUBSETS = 24;

/**
 * Greedy by decreasing weight: for c = max tags .. 1, pairs still-unmatched participants that
 * share at least c tags and never met. Guarantees: only never-met pairs are formed, and every
 * pair formed at level c shares >= c tags.
 *
 * Why it is fast: two people share >= c tags iff they share some c-subset of tags, so at level c
 * each participant looks up its C(k, c) tag subsets in a hash table holding one waiting
 * participant per subset. Subsets are keyed by a Zobrist hash (XOR of per-tag random words);
 * a hash collision is harmless because every candidate is verified with an exact bitset count.
 */
export function greedyByCommonTags(p: Problem, mate: Int32Array, order: Int32Array, rng: Rng): void {
  const zobrist = new Int32Array(p.tagTotal);
  for (let t = 0; t < p.tagTotal; t++) zobrist[t] = rng() | 0;
  let maxTags = 0;
  for (let u = 0; u < p.n; u++) maxTags = Math.max(maxTags, tagCount(p, u));
  const binomial = binomialTable(Math.min(maxTags, MAX_TAGS_FOR_SUBSETS));
  for (let level = maxTags; level >= 1; level--) matchLevel(p, mate, order, level, zobrist, binomial);
}

// Number of level-subsets a participant with k tags enumerates (0 = skips this level).
function subsetCount(k: number, level: number, binomial: number[][]): number {
  if (k < level) return 0;
  if (level === 1) return k;
  if (k > MAX_TAGS_FOR_SUBSETS) return level === k ? 1 : 0;
  const count = binomial[k]![level]!;
  return count <= MAX_SUBSETS_PER_LEVEL ? count : 0;
}

// One greedy level: pairs unmatched never-met participants sharing >= `level` tags.
function matchLevel(p: Problem, mate: Int32Array, order: Int32Array, level: number, zobrist: Int32Array, binomial: number[][]): void {
  let entries = 0;
  for (let u = 0; u < p.n; u++) if (mate[u]! < 0) entries += subsetCount(tagCount(p, u), level, binomial);
  if (entries < 2) return;
  let capacity = 16;
  while (capacity < entries * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Int32Array(capacity);
  const waiting = new Int32Array(capacity).fill(-1); // -1 = empty slot
  const { tagStart, tagList, met } = p;

  // Looks up one subset key: returns a partner for u, or -1 after registering u in the slot.
  const visit = (u: number, key: number): number => {
    let i = Math.imul(key, 0x9e3779b1) & mask;
    while (waiting[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    const v = waiting[i]!;
    if (v !== -1 && mate[v]! < 0 && v !== u) {
      if (!met.has(u, v) && commonTags(p, u, v) >= level) return v;
      return -1; // blocked by history or a hash collision: keep the waiting one
    }
    keys[i] = key; // empty or stale (already matched) slot: u waits here
    waiting[i] = u;
    return -1;
  };

  for (let o = 0; o < p.n; o++) {
    const u = order[o]!;
    if (mate[u]! >= 0) continue;
    const k = tagCount(p, u);
    const count = subsetCount(k, level, binomial);
    if (count === 0) continue;
    const base = tagStart[u]!;
    let partner = -1;
    if (level === 1 || level === k) {
      if (level === 1) {
        for (let i = 0; i < k && partner < 0; i++) partner = visit(u, zobrist[tagList[base + i]!]!);
      } else {
        let key = 0;
        for (let i = 0; i < k; i++) key ^= zobrist[tagList[base + i]!]!;
        partner = visit(u, key);
      }
    } else {
      // Gosper's hack walks all k-bit masks with `level` bits set.
      let subset = (1 << level) - 1;
      const limit = 1 << k;
      while (subset < limit && partner < 0) {
        let key = 0;
        for (let rest = subset; rest !== 0; rest &= rest - 1) {
          key ^= zobrist[tagList[base + 31 - Math.clz32(rest & -rest)]!]!;
        }
        partner = visit(u, key);
        const low = subset & -subset;
        const ripple = subset + low;
        subset = (((ripple ^ subset) >>> 2) / low) | ripple;
      }
    }
    if (partner >= 0) {
      mate[u] = partner;
      mate[partner] = u;
    }
  }
}

function binomialTable(max: number): number[][] {
  const table: number[][] = [];
  for (let k = 0; k <= max; k++) {
    const row: number[] = [1];
    for (let c = 1; c <= k; c++) row.push((table[k - 1]![c - 1] ?? 0) + (table[k - 1]![c] ?? 0));
    table.push(row);
  }
  return table;
}
