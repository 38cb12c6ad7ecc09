/**
 * Exact maximum-weight matching in a general graph: Edmonds' blossom algorithm with dual
 * variables, O(n^3), after Joris van Rantwijk's reference implementation (mwmatching.py), on
 * typed arrays. Used only for small instances, where it makes the result exactly optimal.
 */
import { addBlossom, augmentThroughEdge, expandBlossom } from "./blossom-ops";
import { BlossomState } from "./blossom-state";

/**
 * An optimal matching with a certificate: for every edge i–j of weight w,
 * vertexDual[i] + vertexDual[j] + (sum of dual over blossoms containing both) >= w, and every
 * blossom dual is >= 0. Any such duals bound every other matching (used to prune trio trials).
 */
export interface MatchingWithDuals {
  mate: Int32Array; // partner of each vertex, or -1
  vertexDual: Float64Array;
  blossoms: Array<{ members: number[]; dual: number }>;
}

// Maximum-weight matching; with maxCardinality, the heaviest among the maximum-size matchings.
export function maxWeightMatching(
  vertexCount: number,
  edgeFrom: Int32Array,
  edgeTo: Int32Array,
  edgeWeight: Float64Array,
  maxCardinality: boolean,
): MatchingWithDuals {
  return solveBlossom(new BlossomState(vertexCount, edgeFrom, edgeTo, edgeWeight), maxCardinality);
}

// Runs stages until no augmenting path is left; returns the matching and its dual certificate.
function solveBlossom(s: BlossomState, maxCardinality: boolean): MatchingWithDuals {
  const n = s.n;
  for (let stage = 0; stage < n; stage++) {
    s.label.fill(0);
    s.bestEdge.fill(-1);
    s.bestEdges.fill(null, n);
    s.allowEdge.fill(0);
    s.queue = [];
    for (let v = 0; v < n; v++) {
      if (s.mate[v] === -1 && s.label[s.inBlossom[v]!] === 0) s.assignLabel(v, 1, -1);
    }
    if (!runStage(s, maxCardinality)) break;
    for (let b = n; b < 2 * n; b++) {
      if (s.parent[b] === -1 && s.base[b]! >= 0 && s.label[b] === 1 && s.dual[b] === 0) {
        expandBlossom(s, b, true);
      }
    }
  }
  const mate = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) if (s.mate[v]! >= 0) mate[v] = s.endpoint[s.mate[v]!]!;
  // Internally slack = dual[i] + dual[j] - 2w (+ 2 dual[B] inside blossoms): halve vertex duals.
  const vertexDual = s.dual.slice(0, n).map((d) => d / 2);
  const blossoms: MatchingWithDuals["blossoms"] = [];
  for (let b = n; b < 2 * n; b++) {
    if (s.base[b]! >= 0 && s.dual[b]! > 0) blossoms.push({ members: s.leaves(b), dual: s.dual[b]! });
  }
  return { mate, vertexDual, blossoms };
}

// One stage: grow alternating trees and adjust duals until an augmentation (true) or optimum.
function runStage(s: BlossomState, maxCardinality: boolean): boolean {
  const n = s.n;
  for (;;) {
    while (s.queue.length > 0) {
      const v = s.queue.pop()!;
      for (const p of s.neighbend[v]!) {
        const k = p >> 1;
        const w = s.endpoint[p]!;
        if (s.inBlossom[v] === s.inBlossom[w]) continue;
        let kSlack = 0;
        if (!s.allowEdge[k]) {
          kSlack = s.slack(k);
          if (kSlack <= 0) s.allowEdge[k] = 1;
        }
        const bw = s.inBlossom[w]!;
        if (s.allowEdge[k]) {
          if (s.label[bw] === 0) s.assignLabel(w, 2, p ^ 1);
          else if (s.label[bw] === 1) {
            const baseVertex = s.scanBlossom(v, w);
            if (baseVertex >= 0) addBlossom(s, baseVertex, k);
            else {
              augmentThroughEdge(s, k);
              return true;
            }
          } else if (s.label[w] === 0) {
            s.label[w] = 2;
            s.labelEnd[w] = p ^ 1;
          }
        } else if (s.label[bw] === 1) {
          const b = s.inBlossom[v]!;
          if (s.bestEdge[b] === -1 || kSlack < s.slack(s.bestEdge[b]!)) s.bestEdge[b] = k;
        } else if (s.label[w] === 0) {
          if (s.bestEdge[w] === -1 || kSlack < s.slack(s.bestEdge[w]!)) s.bestEdge[w] = k;
        }
      }
    }
    // No augmenting path with tight edges: change the duals by the largest safe delta.
    let type = -1;
    let delta = 0;
    let target = -1;
    let minDual = Infinity;
    for (let v = 0; v < n; v++) minDual = Math.min(minDual, s.dual[v]!);
    if (!maxCardinality) {
      type = 1;
      delta = minDual;
    }
    for (let v = 0; v < n; v++) {
      if (s.label[s.inBlossom[v]!] === 0 && s.bestEdge[v] !== -1) {
        const d = s.slack(s.bestEdge[v]!);
        if (type === -1 || d < delta) [type, delta, target] = [2, d, s.bestEdge[v]!];
      }
    }
    for (let b = 0; b < 2 * n; b++) {
      if (s.parent[b] === -1 && s.label[b] === 1 && s.bestEdge[b] !== -1) {
        const d = s.slack(s.bestEdge[b]!) / 2;
        if (type === -1 || d < delta) [type, delta, target] = [3, d, s.bestEdge[b]!];
      }
    }
    for (let b = n; b < 2 * n; b++) {
      if (s.base[b]! >= 0 && s.parent[b] === -1 && s.label[b] === 2 && (type === -1 || s.dual[b]! < delta)) {
        [type, delta, target] = [4, s.dual[b]!, b];
      }
    }
    if (type === -1) [type, delta] = [1, Math.max(0, minDual)];
    for (let v = 0; v < n; v++) {
      const l = s.label[s.inBlossom[v]!];
      if (l === 1) s.dual[v]! -= delta;
      else if (l === 2) s.dual[v]! += delta;
    }
    for (let b = n; b < 2 * n; b++) {
      if (s.base[b]! >= 0 && s.parent[b] === -1) {
        if (s.label[b] === 1) s.dual[b]! += delta;
        else if (s.label[b] === 2) s.dual[b]! -= delta;
      }
    }
    if (type === 1) return false;
    if (type === 4) expandBlossom(s, target, false);
    else {
      s.allowEdge[target] = 1;
      let i = s.from[target]!;
      if (s.label[s.inBlossom[i]!] === 0) i = s.to[target]!;
      s.queue.push(i);
    }
  }
}
