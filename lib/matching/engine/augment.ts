import { pairWeight, type Problem, tagCount } from "./problem";

// Work units (neighbour checks, blossom relabels) allowed per phase: fixed + per participant.
const BASE_BUDGET = 3_000_000;
const BUDGET_PER_PARTICIPANT = 20;

/** Which edges an augmentation may use. */
export type AugmentGraph =
  | "shared-tags" // never-met pairs sharing >= 1 tag (neighbours found through tag holder lists)
  | "never-met"; // all never-met pairs

/**
 * Maximum-cardinality augmentation with Edmonds' blossom search; the graph is never materialised.
 * Guarantees: only never-met pairs are created and nobody loses their partner. "shared-tags":
 * each applied path adds one tag-sharing pair and strictly raises the objective. "never-met":
 * paths are applied regardless of weight (no-repeat ranks above weight) until at most n mod 2
 * participants are free. Within the work budget, no augmenting path is left, i.e. the matching
 * is maximum in that graph.
 */
export function augmentMatching(p: Problem, mate: Int32Array, order: Int32Array, graph: AugmentGraph): void {
  const n = p.n;
  const sharedTags = graph === "shared-tags";
  const eligible = (u: number): boolean => !sharedTags || tagCount(p, u) > 0;
  const roots: number[] = [];
  for (let o = 0; o < n; o++) {
    const u = order[o]!;
    if (mate[u]! < 0 && eligible(u)) roots.push(u);
  }
  let freeLeft = roots.length;
  const stopAt = sharedTags ? 1 : n & 1; // a lone free vertex has nobody to reach
  if (freeLeft <= stopAt) return;

  const parent = new Int32Array(n);
  const base = new Int32Array(n);
  const used = new Uint8Array(n);
  const inBlossom = new Uint8Array(n);
  const lcaMark = new Int32Array(n);
  const queue = new Int32Array(n);
  let lcaStamp = 0;
  let budget = BASE_BUDGET + BUDGET_PER_PARTICIPANT * n;

  // Lowest common ancestor of a and b in the alternating tree (on blossom bases).
  const lca = (a: number, b: number): number => {
    lcaStamp++;
    for (;;) {
      a = base[a]!;
      lcaMark[a] = lcaStamp;
      if (mate[a]! < 0) break;
      a = parent[mate[a]!]!;
    }
    for (;;) {
      b = base[b]!;
      if (lcaMark[b] === lcaStamp) return b;
      b = parent[mate[b]!]!;
    }
  };
  const markPath = (v: number, b: number, child: number): void => {
    while (base[v] !== b) {
      inBlossom[base[v]!] = 1;
      inBlossom[base[mate[v]!]!] = 1;
      parent[v] = child;
      child = mate[v]!;
      v = parent[mate[v]!]!;
    }
  };

  let root = -1;
  let head = 0;
  let tail = 0;
  // Processes edge v–to of the search; returns a free endpoint when an augmenting path is found.
  const relax = (v: number, to: number): number => {
    if (to === v || base[v] === base[to] || mate[v] === to || p.met.has(v, to)) return -1;
    if (to === root || (mate[to]! >= 0 && parent[mate[to]!] !== -1)) {
      const blossomBase = lca(v, to);
      inBlossom.fill(0);
      markPath(v, blossomBase, to);
      markPath(to, blossomBase, v);
      budget -= n;
      for (let i = 0; i < n; i++) {
        if (inBlossom[base[i]!] === 0) continue;
        base[i] = blossomBase;
        if (used[i] === 0) {
          used[i] = 1;
          queue[tail++] = i;
        }
      }
    } else if (parent[to] === -1) {
      parent[to] = v;
      if (mate[to]! < 0) return to;
      used[mate[to]!] = 1;
      queue[tail++] = mate[to]!;
    }
    return -1;
  };

  // Free vertex at the end of an augmenting path from `root` (parent[] encodes the path), or -1.
  const findPath = (): number => {
    used.fill(0);
    parent.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    used[root] = 1;
    head = 0;
    tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++]!;
      if (sharedTags) {
        for (let ti = p.tagStart[v]!; ti < p.tagStart[v + 1]!; ti++) {
          const t = p.tagList[ti]!;
          for (let hi = p.holderStart[t]!; hi < p.holderStart[t + 1]!; hi++) {
            if (--budget < 0) return -1;
            const end = relax(v, p.holderList[hi]!);
            if (end >= 0) return end;
          }
        }
      } else {
        for (let o = 0; o < n; o++) {
          if (--budget < 0) return -1;
          const end = relax(v, order[o]!);
          if (end >= 0) return end;
        }
      }
    }
    return -1;
  };

  for (const r of roots) {
    if (mate[r]! >= 0) continue;
    if (freeLeft <= stopAt) return;
    budget -= 2 * n; // the resets in findPath
    if (budget < 0) return;
    root = r;
    const end = findPath();
    if (end < 0) continue;
    if (sharedTags && pathGain(p, mate, parent, end) <= 0) continue;
    for (let v = end; v >= 0;) {
      const pv = parent[v]!;
      const next = mate[pv]!;
      mate[v] = pv;
      mate[pv] = v;
      v = next;
    }
    freeLeft -= 2;
  }
}

// Objective change of flipping the augmenting path that ends at `end`.
function pathGain(p: Problem, mate: Int32Array, parent: Int32Array, end: number): number {
  let gain = 0;
  for (let v = end; v >= 0;) {
    const pv = parent[v]!;
    const next = mate[pv]!;
    gain += pairWeight(p, v, pv) - (next >= 0 ? pairWeight(p, pv, next) : 0);
    v = next;
  }
  return gain;
}
