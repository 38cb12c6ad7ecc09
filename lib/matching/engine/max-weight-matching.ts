/**
 * Exact maximum-weight matching in a general graph: Edmonds' blossom algorithm with dual
 * variables, O(n^3), after Joris van Rantwijk's reference implementation (mwmatching.py), on
 * typed arrays. Used only for small instances, where it makes the result exactly optimal.
 */

// Returns mate[v] (partner or -1). With maxCardinality, the heaviest among maximum-size matchings.
export function maxWeightMatching(
  vertexCount: number,
  edgeFrom: Int32Array,
  edgeTo: Int32Array,
  edgeWeight: Float64Array,
  maxCardinality: boolean,
): Int32Array {
  return new Blossom(vertexCount, edgeFrom, edgeTo, edgeWeight).solve(maxCardinality);
}

class Blossom {
  private readonly endpoint: Int32Array; // endpoint[2k], endpoint[2k+1]: the two ends of edge k
  private readonly neighbend: number[][]; // remote endpoints of the edges at each vertex
  private readonly mate: Int32Array; // remote endpoint of v's matched edge, or -1
  private readonly label: Int32Array; // per vertex/blossom: 0 free, 1 S, 2 T (bit 4 = scan mark)
  private readonly labelEnd: Int32Array;
  private readonly inBlossom: Int32Array;
  private readonly parent: Int32Array;
  private readonly childs: number[][];
  private readonly base: Int32Array;
  private readonly endps: number[][];
  private readonly bestEdge: Int32Array;
  private readonly bestEdges: Array<number[] | null>;
  private readonly unused: number[];
  private readonly dual: Float64Array;
  private readonly allowEdge: Uint8Array;
  private queue: number[] = [];

  constructor(
    private readonly n: number,
    private readonly from: Int32Array,
    private readonly to: Int32Array,
    private readonly weight: Float64Array,
  ) {
    const m = from.length;
    this.endpoint = new Int32Array(2 * m);
    this.neighbend = Array.from({ length: n }, () => []);
    let maxWeight = 0;
    for (let k = 0; k < m; k++) {
      this.endpoint[2 * k] = from[k]!;
      this.endpoint[2 * k + 1] = to[k]!;
      this.neighbend[from[k]!]!.push(2 * k + 1);
      this.neighbend[to[k]!]!.push(2 * k);
      maxWeight = Math.max(maxWeight, weight[k]!);
    }
    this.mate = new Int32Array(n).fill(-1);
    this.label = new Int32Array(2 * n);
    this.labelEnd = new Int32Array(2 * n).fill(-1);
    this.inBlossom = Int32Array.from({ length: n }, (_, v) => v);
    this.parent = new Int32Array(2 * n).fill(-1);
    this.childs = Array.from({ length: 2 * n }, () => []);
    this.base = Int32Array.from({ length: 2 * n }, (_, b) => (b < n ? b : -1));
    this.endps = Array.from({ length: 2 * n }, () => []);
    this.bestEdge = new Int32Array(2 * n).fill(-1);
    this.bestEdges = new Array<number[] | null>(2 * n).fill(null);
    this.unused = Array.from({ length: n }, (_, i) => n + i);
    this.dual = new Float64Array(2 * n);
    this.dual.fill(maxWeight, 0, n);
    this.allowEdge = new Uint8Array(m);
  }

  private slack(k: number): number {
    return this.dual[this.from[k]!]! + this.dual[this.to[k]!]! - 2 * this.weight[k]!;
  }

  private leaves(b: number, out: number[] = []): number[] {
    if (b < this.n) out.push(b);
    else for (const c of this.childs[b]!) this.leaves(c, out);
    return out;
  }

  private assignLabel(w: number, t: number, p: number): void {
    const b = this.inBlossom[w]!;
    this.label[w] = this.label[b] = t;
    this.labelEnd[w] = this.labelEnd[b] = p;
    this.bestEdge[w] = this.bestEdge[b] = -1;
    if (t === 1) {
      this.queue.push(...this.leaves(b));
    } else {
      const baseMate = this.mate[this.base[b]!]!;
      this.assignLabel(this.endpoint[baseMate]!, 1, baseMate ^ 1);
    }
  }

  // Base of the blossom closed by edge v–w, or -1 when v and w lie in different trees (augment).
  private scanBlossom(v: number, w: number): number {
    const path: number[] = [];
    let result = -1;
    while (v !== -1 || w !== -1) {
      let b = this.inBlossom[v]!;
      if (this.label[b]! & 4) {
        result = this.base[b]!;
        break;
      }
      path.push(b);
      this.label[b] = 5;
      if (this.labelEnd[b] === -1) {
        v = -1;
      } else {
        v = this.endpoint[this.labelEnd[b]!]!;
        b = this.inBlossom[v]!;
        v = this.endpoint[this.labelEnd[b]!]!;
      }
      if (w !== -1) [v, w] = [w, v];
    }
    for (const b of path) this.label[b] = 1;
    return result;
  }

  private addBlossom(baseVertex: number, k: number): void {
    let v = this.from[k]!;
    let w = this.to[k]!;
    const bb = this.inBlossom[baseVertex]!;
    let bv = this.inBlossom[v]!;
    let bw = this.inBlossom[w]!;
    const b = this.unused.pop()!;
    this.base[b] = baseVertex;
    this.parent[b] = -1;
    this.parent[bb] = b;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      this.parent[bv] = b;
      path.push(bv);
      endps.push(this.labelEnd[bv]!);
      v = this.endpoint[this.labelEnd[bv]!]!;
      bv = this.inBlossom[v]!;
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      this.parent[bw] = b;
      path.push(bw);
      endps.push(this.labelEnd[bw]! ^ 1);
      w = this.endpoint[this.labelEnd[bw]!]!;
      bw = this.inBlossom[w]!;
    }
    this.childs[b] = path;
    this.endps[b] = endps;
    this.label[b] = 1;
    this.labelEnd[b] = this.labelEnd[bb]!;
    this.dual[b] = 0;
    for (const leaf of this.leaves(b)) {
      if (this.label[this.inBlossom[leaf]!] === 2) this.queue.push(leaf);
      this.inBlossom[leaf] = b;
    }
    // Least-slack edges from the new blossom to each neighbouring S-blossom.
    const bestTo = new Int32Array(2 * this.n).fill(-1);
    for (const sub of path) {
      const lists =
        this.bestEdges[sub] ?? this.leaves(sub).map((leaf) => this.neighbend[leaf]!.map((p) => p >> 1));
      const nested = this.bestEdges[sub] === null ? (lists as number[][]) : [lists as number[]];
      for (const list of nested) {
        for (const e of list) {
          let j = this.to[e]!;
          if (this.inBlossom[j] === b) j = this.from[e]!;
          const bj = this.inBlossom[j]!;
          if (bj !== b && this.label[bj] === 1 && (bestTo[bj] === -1 || this.slack(e) < this.slack(bestTo[bj]!))) {
            bestTo[bj] = e;
          }
        }
      }
      this.bestEdges[sub] = null;
      this.bestEdge[sub] = -1;
    }
    const best = Array.from(bestTo).filter((e) => e !== -1);
    this.bestEdges[b] = best;
    this.bestEdge[b] = -1;
    for (const e of best) if (this.bestEdge[b] === -1 || this.slack(e) < this.slack(this.bestEdge[b]!)) this.bestEdge[b] = e;
  }

  private expandBlossom(b: number, endStage: boolean): void {
    for (const s of this.childs[b]!) {
      this.parent[s] = -1;
      if (s < this.n) this.inBlossom[s] = s;
      else if (endStage && this.dual[s] === 0) this.expandBlossom(s, endStage);
      else for (const leaf of this.leaves(s)) this.inBlossom[leaf] = s;
    }
    if (!endStage && this.label[b] === 2) {
      // Relabel the sub-blossoms on the even path from the entry child to the base.
      const childs = this.childs[b]!;
      const endps = this.endps[b]!;
      const at = (i: number): number => (i < 0 ? i + childs.length : i);
      const entry = this.inBlossom[this.endpoint[this.labelEnd[b]! ^ 1]!]!;
      let j = childs.indexOf(entry);
      let step: number;
      let trick: number;
      if (j & 1) {
        j -= childs.length;
        step = 1;
        trick = 0;
      } else {
        step = -1;
        trick = 1;
      }
      let p = this.labelEnd[b]!;
      while (j !== 0) {
        this.label[this.endpoint[p ^ 1]!] = 0;
        this.label[this.endpoint[endps[at(j - trick)]! ^ trick ^ 1]!] = 0;
        this.assignLabel(this.endpoint[p ^ 1]!, 2, p);
        this.allowEdge[endps[at(j - trick)]! >> 1] = 1;
        j += step;
        p = endps[at(j - trick)]! ^ trick;
        this.allowEdge[p >> 1] = 1;
        j += step;
      }
      const bv = childs[at(j)]!;
      this.label[this.endpoint[p ^ 1]!] = this.label[bv] = 2;
      this.labelEnd[this.endpoint[p ^ 1]!] = this.labelEnd[bv] = p;
      this.bestEdge[bv] = -1;
      j += step;
      while (childs[at(j)] !== entry) {
        const sub = childs[at(j)]!;
        j += step;
        if (this.label[sub] === 1) continue;
        const leaf = this.leaves(sub).find((x) => this.label[x] !== 0);
        if (leaf !== undefined) {
          this.label[leaf] = 0;
          this.label[this.endpoint[this.mate[this.base[sub]!]!]!] = 0;
          this.assignLabel(leaf, 2, this.labelEnd[leaf]!);
        }
      }
    }
    this.label[b] = this.labelEnd[b] = -1;
    this.childs[b] = [];
    this.endps[b] = [];
    this.base[b] = -1;
    this.bestEdges[b] = null;
    this.bestEdge[b] = -1;
    this.unused.push(b);
  }

  // Swaps matched/unmatched edges inside blossom b so that vertex v becomes its base.
  private augmentBlossom(b: number, v: number): void {
    let t = v;
    while (this.parent[t] !== b) t = this.parent[t]!;
    if (t >= this.n) this.augmentBlossom(t, v);
    const childs = this.childs[b]!;
    const endps = this.endps[b]!;
    const at = (i: number): number => (i < 0 ? i + childs.length : i);
    const i = childs.indexOf(t);
    let j = i;
    let step: number;
    let trick: number;
    if (i & 1) {
      j -= childs.length;
      step = 1;
      trick = 0;
    } else {
      step = -1;
      trick = 1;
    }
    while (j !== 0) {
      j += step;
      t = childs[at(j)]!;
      const p = endps[at(j - trick)]! ^ trick;
      if (t >= this.n) this.augmentBlossom(t, this.endpoint[p]!);
      j += step;
      t = childs[at(j)]!;
      if (t >= this.n) this.augmentBlossom(t, this.endpoint[p ^ 1]!);
      this.mate[this.endpoint[p]!] = p ^ 1;
      this.mate[this.endpoint[p ^ 1]!] = p;
    }
    this.childs[b] = childs.slice(i).concat(childs.slice(0, i));
    this.endps[b] = endps.slice(i).concat(endps.slice(0, i));
    this.base[b] = this.base[this.childs[b]![0]!]!;
  }

  private augmentMatching(k: number): void {
    for (let [s, p] of [
      [this.from[k]!, 2 * k + 1],
      [this.to[k]!, 2 * k],
    ] as Array<[number, number]>) {
      for (;;) {
        const bs = this.inBlossom[s]!;
        if (bs >= this.n) this.augmentBlossom(bs, s);
        this.mate[s] = p;
        if (this.labelEnd[bs] === -1) break;
        const t = this.endpoint[this.labelEnd[bs]!]!;
        const bt = this.inBlossom[t]!;
        s = this.endpoint[this.labelEnd[bt]!]!;
        const j = this.endpoint[this.labelEnd[bt]! ^ 1]!;
        if (bt >= this.n) this.augmentBlossom(bt, j);
        this.mate[j] = this.labelEnd[bt]!;
        p = this.labelEnd[bt]! ^ 1;
      }
    }
  }

  solve(maxCardinality: boolean): Int32Array {
    const n = this.n;
    for (let stage = 0; stage < n; stage++) {
      this.label.fill(0);
      this.bestEdge.fill(-1);
      this.bestEdges.fill(null, n);
      this.allowEdge.fill(0);
      this.queue = [];
      for (let v = 0; v < n; v++) {
        if (this.mate[v] === -1 && this.label[this.inBlossom[v]!] === 0) this.assignLabel(v, 1, -1);
      }
      if (!this.runStage(maxCardinality)) break;
      for (let b = n; b < 2 * n; b++) {
        if (this.parent[b] === -1 && this.base[b]! >= 0 && this.label[b] === 1 && this.dual[b] === 0) {
          this.expandBlossom(b, true);
        }
      }
    }
    const result = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) if (this.mate[v]! >= 0) result[v] = this.endpoint[this.mate[v]!]!;
    return result;
  }

  // One stage: grow alternating trees and adjust duals until an augmentation (true) or optimum.
  private runStage(maxCardinality: boolean): boolean {
    const n = this.n;
    for (;;) {
      while (this.queue.length > 0) {
        const v = this.queue.pop()!;
        for (const p of this.neighbend[v]!) {
          const k = p >> 1;
          const w = this.endpoint[p]!;
          if (this.inBlossom[v] === this.inBlossom[w]) continue;
          let kSlack = 0;
          if (!this.allowEdge[k]) {
            kSlack = this.slack(k);
            if (kSlack <= 0) this.allowEdge[k] = 1;
          }
          const bw = this.inBlossom[w]!;
          if (this.allowEdge[k]) {
            if (this.label[bw] === 0) this.assignLabel(w, 2, p ^ 1);
            else if (this.label[bw] === 1) {
              const baseVertex = this.scanBlossom(v, w);
              if (baseVertex >= 0) this.addBlossom(baseVertex, k);
              else {
                this.augmentMatching(k);
                return true;
              }
            } else if (this.label[w] === 0) {
              this.label[w] = 2;
              this.labelEnd[w] = p ^ 1;
            }
          } else if (this.label[bw] === 1) {
            const b = this.inBlossom[v]!;
            if (this.bestEdge[b] === -1 || kSlack < this.slack(this.bestEdge[b]!)) this.bestEdge[b] = k;
          } else if (this.label[w] === 0) {
            if (this.bestEdge[w] === -1 || kSlack < this.slack(this.bestEdge[w]!)) this.bestEdge[w] = k;
          }
        }
      }
      // No augmenting path with tight edges: change the duals by the largest safe delta.
      let type = -1;
      let delta = 0;
      let target = -1;
      let minDual = Infinity;
      for (let v = 0; v < n; v++) minDual = Math.min(minDual, this.dual[v]!);
      if (!maxCardinality) {
        type = 1;
        delta = minDual;
      }
      for (let v = 0; v < n; v++) {
        if (this.label[this.inBlossom[v]!] === 0 && this.bestEdge[v] !== -1) {
          const d = this.slack(this.bestEdge[v]!);
          if (type === -1 || d < delta) [type, delta, target] = [2, d, this.bestEdge[v]!];
        }
      }
      for (let b = 0; b < 2 * n; b++) {
        if (this.parent[b] === -1 && this.label[b] === 1 && this.bestEdge[b] !== -1) {
          const d = this.slack(this.bestEdge[b]!) / 2;
          if (type === -1 || d < delta) [type, delta, target] = [3, d, this.bestEdge[b]!];
        }
      }
      for (let b = n; b < 2 * n; b++) {
        if (this.base[b]! >= 0 && this.parent[b] === -1 && this.label[b] === 2 && (type === -1 || this.dual[b]! < delta)) {
          [type, delta, target] = [4, this.dual[b]!, b];
        }
      }
      if (type === -1) [type, delta] = [1, Math.max(0, minDual)];
      for (let v = 0; v < n; v++) {
        const l = this.label[this.inBlossom[v]!];
        if (l === 1) this.dual[v]! -= delta;
        else if (l === 2) this.dual[v]! += delta;
      }
      for (let b = n; b < 2 * n; b++) {
        if (this.base[b]! >= 0 && this.parent[b] === -1) {
          if (this.label[b] === 1) this.dual[b]! += delta;
          else if (this.label[b] === 2) this.dual[b]! -= delta;
        }
      }
      if (type === 1) return false;
      if (type === 4) this.expandBlossom(target, false);
      else {
        this.allowEdge[target] = 1;
        let i = this.from[target]!;
        if (this.label[this.inBlossom[i]!] === 0) i = this.to[target]!;
        this.queue.push(i);
      }
    }
  }
}
