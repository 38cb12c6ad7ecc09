import type { BlossomState } from "./blossom-state";

// Structural operations of the weighted blossom algorithm on a BlossomState (blossom creation,
// expansion and augmentation); this file depends on blossom-state.ts, never the reverse.

// Creates a blossom from the odd cycle closed by edge k, with base vertex baseVertex.
export function addBlossom(s: BlossomState, baseVertex: number, k: number): void {
  let v = s.from[k]!;
  let w = s.to[k]!;
  const bb = s.inBlossom[baseVertex]!;
  let bv = s.inBlossom[v]!;
  let bw = s.inBlossom[w]!;
  const b = s.unused.pop()!;
  s.base[b] = baseVertex;
  s.parent[b] = -1;
  s.parent[bb] = b;
  const path: number[] = [];
  const endps: number[] = [];
  while (bv !== bb) {
    s.parent[bv] = b;
    path.push(bv);
    endps.push(s.labelEnd[bv]!);
    v = s.endpoint[s.labelEnd[bv]!]!;
    bv = s.inBlossom[v]!;
  }
  path.push(bb);
  path.reverse();
  endps.reverse();
  endps.push(2 * k);
  while (bw !== bb) {
    s.parent[bw] = b;
    path.push(bw);
    endps.push(s.labelEnd[bw]! ^ 1);
    w = s.endpoint[s.labelEnd[bw]!]!;
    bw = s.inBlossom[w]!;
  }
  s.childs[b] = path;
  s.endps[b] = endps;
  s.label[b] = 1;
  s.labelEnd[b] = s.labelEnd[bb]!;
  s.dual[b] = 0;
  for (const leaf of s.leaves(b)) {
    if (s.label[s.inBlossom[leaf]!] === 2) s.queue.push(leaf);
    s.inBlossom[leaf] = b;
  }
  // Least-slack edges from the new blossom to each neighbouring S-blossom.
  const bestTo = new Int32Array(2 * s.n).fill(-1);
  for (const sub of path) {
    const own = s.bestEdges[sub] ?? null;
    const lists = own !== null ? [own] : s.leaves(sub).map((leaf) => s.neighbend[leaf]!.map((p) => p >> 1));
    for (const list of lists) {
      for (const e of list) {
        let j = s.to[e]!;
        if (s.inBlossom[j] === b) j = s.from[e]!;
        const bj = s.inBlossom[j]!;
        if (bj !== b && s.label[bj] === 1 && (bestTo[bj] === -1 || s.slack(e) < s.slack(bestTo[bj]!))) {
          bestTo[bj] = e;
        }
      }
    }
    s.bestEdges[sub] = null;
    s.bestEdge[sub] = -1;
  }
  const best = Array.from(bestTo).filter((e) => e !== -1);
  s.bestEdges[b] = best;
  s.bestEdge[b] = -1;
  for (const e of best) if (s.bestEdge[b] === -1 || s.slack(e) < s.slack(s.bestEdge[b]!)) s.bestEdge[b] = e;
}

/**
 * From sub-blossom `index` of a blossom with `length` children, the direction that reaches the base
 * (child 0) along an even-length path: forwards from an odd index (counting from -length), else
 * backwards. `trick` selects which endpoint of each edge faces the walk.
 */
function walkToBase(index: number, length: number): { j: number; step: 1 | -1; trick: 0 | 1 } {
  return index & 1 ? { j: index - length, step: 1, trick: 0 } : { j: index, step: -1, trick: 1 };
}

// Dissolves blossom b (endStage: recursively those with zero dual; otherwise relabels its T-path).
export function expandBlossom(s: BlossomState, b: number, endStage: boolean): void {
  for (const child of s.childs[b]!) {
    s.parent[child] = -1;
    if (child < s.n) s.inBlossom[child] = child;
    else if (endStage && s.dual[child] === 0) expandBlossom(s, child, endStage);
    else for (const leaf of s.leaves(child)) s.inBlossom[leaf] = child;
  }
  if (!endStage && s.label[b] === 2) {
    // Relabel the sub-blossoms on the even path from the entry child to the base.
    const childs = s.childs[b]!;
    const endps = s.endps[b]!;
    const at = (i: number): number => (i < 0 ? i + childs.length : i);
    const entry = s.inBlossom[s.endpoint[s.labelEnd[b]! ^ 1]!]!;
    const { step, trick, j: start } = walkToBase(childs.indexOf(entry), childs.length);
    let j = start;
    let p = s.labelEnd[b]!;
    while (j !== 0) {
      s.label[s.endpoint[p ^ 1]!] = 0;
      s.label[s.endpoint[endps[at(j - trick)]! ^ trick ^ 1]!] = 0;
      s.assignLabel(s.endpoint[p ^ 1]!, 2, p);
      s.allowEdge[endps[at(j - trick)]! >> 1] = 1;
      j += step;
      p = endps[at(j - trick)]! ^ trick;
      s.allowEdge[p >> 1] = 1;
      j += step;
    }
    const bv = childs[at(j)]!;
    s.label[s.endpoint[p ^ 1]!] = s.label[bv] = 2;
    s.labelEnd[s.endpoint[p ^ 1]!] = s.labelEnd[bv] = p;
    s.bestEdge[bv] = -1;
    j += step;
    while (childs[at(j)] !== entry) {
      const sub = childs[at(j)]!;
      j += step;
      if (s.label[sub] === 1) continue;
      const leaf = s.leaves(sub).find((x) => s.label[x] !== 0);
      if (leaf !== undefined) {
        s.label[leaf] = 0;
        s.label[s.endpoint[s.mate[s.base[sub]!]!]!] = 0;
        s.assignLabel(leaf, 2, s.labelEnd[leaf]!);
      }
    }
  }
  s.label[b] = s.labelEnd[b] = -1;
  s.childs[b] = [];
  s.endps[b] = [];
  s.base[b] = -1;
  s.bestEdges[b] = null;
  s.bestEdge[b] = -1;
  s.unused.push(b);
}

// Swaps matched/unmatched edges inside blossom b so that vertex v becomes its base.
export function augmentBlossom(s: BlossomState, b: number, v: number): void {
  let t = v;
  while (s.parent[t] !== b) t = s.parent[t]!;
  if (t >= s.n) augmentBlossom(s, t, v);
  const childs = s.childs[b]!;
  const endps = s.endps[b]!;
  const at = (i: number): number => (i < 0 ? i + childs.length : i);
  const i = childs.indexOf(t);
  const { step, trick, j: start } = walkToBase(i, childs.length);
  let j = start;
  while (j !== 0) {
    j += step;
    t = childs[at(j)]!;
    const p = endps[at(j - trick)]! ^ trick;
    if (t >= s.n) augmentBlossom(s, t, s.endpoint[p]!);
    j += step;
    t = childs[at(j)]!;
    if (t >= s.n) augmentBlossom(s, t, s.endpoint[p ^ 1]!);
    s.mate[s.endpoint[p]!] = p ^ 1;
    s.mate[s.endpoint[p ^ 1]!] = p;
  }
  s.childs[b] = childs.slice(i).concat(childs.slice(0, i));
  s.endps[b] = endps.slice(i).concat(endps.slice(0, i));
  s.base[b] = s.base[s.childs[b]![0]!]!;
}

// Augments along the path through tight edge k that joins two S-trees: afterwards k is matched and
// both trees' roots are matched too (the matching grows by one edge).
export function augmentThroughEdge(s: BlossomState, k: number): void {
  for (let [v, p] of [
    [s.from[k]!, 2 * k + 1],
    [s.to[k]!, 2 * k],
  ] as Array<[number, number]>) {
    for (;;) {
      const bv = s.inBlossom[v]!;
      if (bv >= s.n) augmentBlossom(s, bv, v);
      s.mate[v] = p;
      if (s.labelEnd[bv] === -1) break;
      const t = s.endpoint[s.labelEnd[bv]!]!;
      const bt = s.inBlossom[t]!;
      v = s.endpoint[s.labelEnd[bt]!]!;
      const j = s.endpoint[s.labelEnd[bt]! ^ 1]!;
      if (bt >= s.n) augmentBlossom(s, bt, j);
      s.mate[j] = s.labelEnd[bt]!;
      p = s.labelEnd[bt]! ^ 1;
    }
  }
}
