/**
 * State of Edmonds' weighted blossom algorithm (van Rantwijk's mwmatching.py), on typed arrays.
 * Vertices are 0..n-1, blossoms n..2n-1; an "endpoint" p is 2k or 2k+1 for edge k, and
 * endpoint[p ^ 1] is the other end. Structural blossom operations and augmentation live in
 * blossom-ops.ts, which imports this file (never the other way round, so there is no cycle).
 */
export class BlossomState {
  readonly endpoint: Int32Array; // endpoint[2k], endpoint[2k+1]: the two ends of edge k
  readonly neighbend: number[][]; // remote endpoints of the edges at each vertex
  readonly mate: Int32Array; // remote endpoint of v's matched edge, or -1
  readonly label: Int32Array; // per vertex/blossom: 0 free, 1 S, 2 T (bit 4 = scan mark)
  readonly labelEnd: Int32Array;
  readonly inBlossom: Int32Array;
  readonly parent: Int32Array;
  readonly childs: number[][];
  readonly base: Int32Array;
  readonly endps: number[][];
  readonly bestEdge: Int32Array;
  readonly bestEdges: Array<number[] | null>;
  readonly unused: number[];
  readonly dual: Float64Array;
  readonly allowEdge: Uint8Array;
  queue: number[] = [];

  constructor(
    readonly n: number,
    readonly from: Int32Array,
    readonly to: Int32Array,
    readonly weight: Float64Array,
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

  // Reduced cost of edge k between top-level blossoms (0 = tight).
  slack(k: number): number {
    return this.dual[this.from[k]!]! + this.dual[this.to[k]!]! - 2 * this.weight[k]!;
  }

  // Vertices inside blossom b (b itself for a vertex).
  leaves(b: number, out: number[] = []): number[] {
    if (b < this.n) out.push(b);
    else for (const c of this.childs[b]!) this.leaves(c, out);
    return out;
  }

  // Labels w's top-level blossom S (t = 1) or T (t = 2, which labels its mate's blossom S).
  assignLabel(w: number, t: number, p: number): void {
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
  scanBlossom(v: number, w: number): number {
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
}
