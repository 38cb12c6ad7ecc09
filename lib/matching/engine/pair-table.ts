/**
 * Open-addressing hash map from an unordered pair of dense indices (0..n-1) to the latest
 * round in which that pair met. Typed arrays keep 10^5–10^6 entries cheap in memory and time.
 */
export class PairTable {
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly rounds: Float64Array;
  private readonly mask: number;
  private count = 0;

  // Guarantees room for `expected` pairs without resizing (load factor <= 1/2).
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.lo = new Int32Array(capacity).fill(-1);
    this.hi = new Int32Array(capacity);
    this.rounds = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  // Slot holding (lo, hi) or the empty slot where it would go.
  private slot(lo: number, hi: number): number {
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    let i = h & this.mask;
    while (this.lo[i] !== -1 && (this.lo[i] !== lo || this.hi[i] !== hi)) i = (i + 1) & this.mask;
    return i;
  }

  // Records a meeting; keeps the largest round seen for the pair. Ignores a === b.
  add(a: number, b: number, round: number): void {
    if (a === b) return;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const i = this.slot(lo, hi);
    if (this.lo[i] === -1) {
      if (this.count * 2 >= this.mask + 1) throw new Error("PairTable capacity exceeded");
      this.lo[i] = lo;
      this.hi[i] = hi;
      this.rounds[i] = round;
      this.count++;
    } else if (round > this.rounds[i]!) {
      this.rounds[i] = round;
    }
  }

  // True when a and b met in an earlier round.
  has(a: number, b: number): boolean {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    return this.lo[this.slot(lo, hi)] !== -1;
  }

  // Latest round in which a and b met, or -Infinity when they never met ("met longest ago").
  lastRound(a: number, b: number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const i = this.slot(lo, hi);
    return this.lo[i] === -1 ? -Infinity : this.rounds[i]!;
  }

  // Per-index number of distinct met partners.
  degrees(n: number): Int32Array {
    const degree = new Int32Array(n);
    for (let i = 0; i <= this.mask; i++) {
      const lo = this.lo[i]!;
      if (lo === -1) continue;
      degree[lo]!++;
      degree[this.hi[i]!]!++;
    }
    return degree;
  }
}
