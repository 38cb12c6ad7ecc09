// Reference optimum for tests and benchmarks only (solveMatching never imports this file). It needs
// the dev dependency "edmonds-blossom" and is O(n^3): keep n to a few hundred.
import { createRequire } from "node:module";

import { buildProblem, pairWeight } from "./problem";
import type { MatchingInput } from "./types";

type Blossom = (edges: Array<[number, number, number]>, maxCardinality?: boolean) => number[];
const blossom = createRequire(import.meta.url)("edmonds-blossom") as Blossom;

/** Exact value (even n) or upper bound (odd n) of the best never-met matching. */
export interface OptimumBound {
  value: number;
  kind: "exact" | "upper-bound";
  perfect: boolean; // false: no perfect never-met matching exists, value is not comparable
}

/**
 * Even n: maximum-weight perfect matching over never-met pairs (blossom with max cardinality),
 * which is exactly the best valid solution. Odd n: a dummy vertex joined to every x with weight
 * "x's two heaviest never-met edges" turns "pairs on n-1 + x joins a pair" into one perfect
 * matching; its value is >= every valid trio solution, so it is an upper bound.
 */
export function optimumBound(input: MatchingInput): OptimumBound {
  const p = buildProblem(input);
  const n = p.n;
  if (n < 2) return { value: 0, kind: "exact", perfect: true };
  const edges: Array<[number, number, number]> = [];
  const top1 = new Float64Array(n).fill(-1);
  const top2 = new Float64Array(n).fill(-1);
  const note = (u: number, w: number): void => {
    if (w > top1[u]!) {
      top2[u] = top1[u]!;
      top1[u] = w;
    } else if (w > top2[u]!) {
      top2[u] = w;
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (p.met.has(i, j)) continue;
      const w = pairWeight(p, i, j);
      edges.push([i, j, w]);
      note(i, w);
      note(j, w);
    }
  }
  const odd = n % 2 === 1;
  if (odd) for (let x = 0; x < n; x++) if (top2[x]! >= 0) edges.push([x, n, top1[x]! + top2[x]!]);
  const vertices = odd ? n + 1 : n;
  const mate = edges.length === 0 ? [] : blossom(edges, true);
  let value = 0;
  let perfect = mate.length === vertices;
  for (let v = 0; v < vertices; v++) {
    const m = mate[v] ?? -1;
    if (m < 0) perfect = false;
    else if (m > v) value += m === n ? top1[v]! + top2[v]! : pairWeight(p, v, m);
  }
  return { value, kind: odd ? "upper-bound" : "exact", perfect };
}
