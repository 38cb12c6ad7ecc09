import { type Problem, tagCount } from "./problem";

// Neighbour checks allowed while growing the forest (it is only used for n <= a few thousand).
const FOREST_BUDGET = 1_500_000;

/**
 * Alternating BFS forest in the "shares a tag and never met" graph, grown from the tagged
 * participants that a maximum matching of that graph leaves unmatched. An "even" vertex x is a
 * root or is reached by root – o1 = e1 – o2 = ... = x (– unmatched edge, = matched edge).
 * Flipping that path matches the root and frees x without changing the number of tag-sharing
 * pairs (Gallai–Edmonds: x is inessential). Blossoms are not contracted, so the even set found
 * is a subset of the true one, which is all the callers need.
 */
export interface AlternatingForest {
  root: Int32Array; // tree root of an even vertex, -1 otherwise
  evenVia: Int32Array; // for even x != root: its matched partner on the path (an odd vertex)
  oddVia: Int32Array; // for odd o: the even vertex that reached it
}

// Grows the forest, avoiding `blocked` vertices entirely (neither roots nor on any path); stops
// early once `target` (if given) is even.
export function growForest(p: Problem, mate: Int32Array, order: Int32Array, blocked: Uint8Array, target = -1): AlternatingForest {
  const n = p.n;
  const root = new Int32Array(n).fill(-1);
  const evenVia = new Int32Array(n).fill(-1);
  const oddVia = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let o = 0; o < n; o++) {
    const u = order[o]!;
    if (mate[u]! < 0 && tagCount(p, u) > 0 && blocked[u] === 0) {
      root[u] = u;
      queue.push(u);
    }
  }
  let budget = FOREST_BUDGET;
  for (let head = 0; head < queue.length && budget > 0 && (target < 0 || root[target] === -1); head++) {
    const v = queue[head]!;
    for (let i = p.tagStart[v]!; i < p.tagStart[v + 1]! && budget > 0; i++) {
      const t = p.tagList[i]!;
      for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]!; j++) {
        budget--;
        const w = p.holderList[j]!;
        const next = mate[w]!;
        if (next < 0 || root[w] !== -1 || oddVia[w] !== -1 || root[next] !== -1) continue;
        if (blocked[w] === 1 || blocked[next] === 1) continue;
        if (p.met.has(v, w)) continue;
        oddVia[w] = v;
        evenVia[next] = w;
        root[next] = root[v]!;
        queue.push(next);
      }
    }
  }
  return { root, evenVia, oddVia };
}

// Flips the path from x's root to even vertex x: the root gets matched, x becomes unmatched.
export function freeByFlip(forest: AlternatingForest, mate: Int32Array, x: number): void {
  let current = x;
  mate[x] = -1;
  while (current !== forest.root[current]) {
    const odd = forest.evenVia[current]!;
    const even = forest.oddVia[odd]!;
    mate[odd] = even;
    mate[even] = odd; // even's old partner (if any) is re-paired in the next step
    current = even;
  }
}
