import { maxWeightMatching } from "./max-weight-matching";
import { pairWeight, type Problem } from "./problem";

/** Up to this many participants the pairing is solved exactly (O(n^3), a few ms at this size). */
export const EXACT_LIMIT = 128;

/** LP dual certificate of an exact pairing, indexed by participant (see MatchingWithDuals). */
export interface PairingDuals {
  vertexDual: Float64Array;
  blossoms: Array<{ members: number[]; dual: number }>;
}

// Fills mate with a maximum-weight matching among the never-met pairs, taken among the matchings
// of maximum size (so nobody is left without a never-met partner when avoidable). Participants in
// `excluded` stay unmatched. Vertices are numbered in the seeded order, which makes the choice
// among equal-weight optima seed-dependent. Returns the duals that certify optimality.
export function exactPairs(p: Problem, mate: Int32Array, order: Int32Array, excluded?: Uint8Array): PairingDuals {
  const vertices: number[] = []; // vertex -> participant
  for (let o = 0; o < p.n; o++) if (excluded === undefined || excluded[order[o]!] === 0) vertices.push(order[o]!);
  const n = vertices.length;
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (p.met.has(vertices[i]!, vertices[j]!)) continue;
      from.push(i);
      to.push(j);
      weight.push(pairWeight(p, vertices[i]!, vertices[j]!));
    }
  }
  const result = maxWeightMatching(n, Int32Array.from(from), Int32Array.from(to), Float64Array.from(weight), true);
  const vertexDual = new Float64Array(p.n);
  for (let i = 0; i < n; i++) {
    const u = vertices[i]!;
    mate[u] = result.mate[i]! >= 0 ? vertices[result.mate[i]!]! : -1;
    vertexDual[u] = result.vertexDual[i]!;
  }
  const blossoms = result.blossoms.map((b) => ({ members: b.members.map((i) => vertices[i]!), dual: b.dual }));
  return { vertexDual, blossoms };
}
