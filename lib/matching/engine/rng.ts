/** Deterministic 32-bit PRNG (mulberry32) seeded from any number, so runs are reproducible. */
export type Rng = () => number; // returns an unsigned 32-bit integer

// Guarantees: same seed -> same sequence; any finite or non-finite number is accepted as a seed.
export function createRng(seed: number): Rng {
  // Fold the seed's full double precision into 32 bits so that e.g. 1 and 2**32 + 1 differ.
  const hi = Number.isFinite(seed) ? Math.floor(seed / 4294967296) : 0;
  const lo = Number.isFinite(seed) ? seed >>> 0 : 0x2545f491;
  let state = (lo ^ Math.imul(hi | 0, 0x9e3779b1) ^ 0x6d2b79f5) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// Uniform integer in [0, bound) for bound <= 2**32 (slight modulo bias is irrelevant for tie-breaking).
export function randomBelow(rng: Rng, bound: number): number {
  return rng() % bound;
}

// Returns a seeded uniformly shuffled permutation of 0..n-1 (Fisher–Yates).
export function shuffledRange(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomBelow(rng, i + 1);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
