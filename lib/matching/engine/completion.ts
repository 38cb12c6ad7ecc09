import { augmentMatching } from "./augment";
import { pairWeight, type Problem } from "./problem";

// How many waiting participants a free participant compares when pairing leftovers.
const LEFTOVER_WINDOW = 64;
// Stop a re-routing search after this many valid options (they are all near-equal in weight).
const REROUTE_OPTIONS = 64;
// Work bound (pair checks) for the searches that break existing pairs, per phase.
const BREAK_SEARCH_BUDGET = 10_000_000;

/**
 * Completes the matching so that exactly n mod 2 participants stay unmatched (the odd one goes
 * into the trio later). Guarantees, in priority order: everyone gets a partner; a repeated pair
 * is formed only for a participant whose search for a never-met partner failed, and then with
 * the partner met longest ago; among never-met options, heavier pairs are preferred.
 */
export function completeMatching(p: Problem, mate: Int32Array, order: Int32Array): void {
  const parity = p.n & 1;
  pairLeftovers(p, mate, freeParticipants(mate, order));
  if (freeParticipants(mate, order).length > parity) rerouteUnmet(p, mate, order);
  if (freeParticipants(mate, order).length > parity) augmentMatching(p, mate, order, "never-met");
  if (freeParticipants(mate, order).length > parity) pairWithRepeats(p, mate, order);
}

// Unmatched participants in seeded order.
export function freeParticipants(mate: Int32Array, order: Int32Array): number[] {
  const free: number[] = [];
  for (let o = 0; o < order.length; o++) if (mate[order[o]!]! < 0) free.push(order[o]!);
  return free;
}

// Pairs leftovers among themselves: each takes the heaviest never-met partner among the last
// LEFTOVER_WINDOW still waiting (leftovers rarely share tags, so the window loses little).
function pairLeftovers(p: Problem, mate: Int32Array, free: number[]): void {
  const waiting: number[] = [];
  for (const u of free) {
    let best = -1;
    let bestWeight = -1;
    for (let i = waiting.length - 1; i >= 0 && i >= waiting.length - LEFTOVER_WINDOW; i--) {
      const v = waiting[i]!;
      if (p.met.has(u, v)) continue;
      const weight = pairWeight(p, u, v);
      if (weight > bestWeight) {
        best = i;
        bestWeight = weight;
      }
    }
    if (best < 0) {
      waiting.push(u);
      continue;
    }
    const v = waiting[best]!;
    waiting[best] = waiting[waiting.length - 1]!;
    waiting.pop();
    mate[u] = v;
    mate[v] = u;
  }
}

// For each leftover u: find a pair (v, w) and another leftover x with u–v and w–x never met,
// and re-pair as (u, v), (w, x) — the weight-maximising one among the first options found.
function rerouteUnmet(p: Problem, mate: Int32Array, order: Int32Array): void {
  const parity = p.n & 1;
  let free = freeParticipants(mate, order);
  let budget = BREAK_SEARCH_BUDGET;
  for (const u of free.slice()) {
    if (mate[u]! >= 0 || free.length <= parity) continue;
    let bestV = -1;
    let bestX = -1;
    let bestGain = -Infinity;
    let options = 0;
    for (let o = 0; o < p.n && options < REROUTE_OPTIONS && budget > 0; o++) {
      const v = order[o]!;
      const w = mate[v]!;
      budget--;
      if (w < 0 || p.met.has(u, v)) continue;
      const keep = pairWeight(p, u, v) - pairWeight(p, v, w);
      for (const x of free) {
        budget--;
        if (x === u || mate[x]! >= 0 || p.met.has(w, x)) continue;
        options++;
        const gain = keep + pairWeight(p, w, x);
        if (gain > bestGain) {
          bestGain = gain;
          bestV = v;
          bestX = x;
        }
      }
    }
    if (bestV < 0) continue;
    const w = mate[bestV]!;
    mate[u] = bestV;
    mate[bestV] = u;
    mate[w] = bestX;
    mate[bestX] = w;
    free = free.filter((x) => mate[x]! < 0);
  }
}

// Last resort when someone has no never-met partner left: pair them with the partner met longest
// ago — either another leftover directly, or a matched v whose partner w can take a never-met
// leftover instead (so the only repeat is u–v). Always ends with n mod 2 unmatched participants.
function pairWithRepeats(p: Problem, mate: Int32Array, order: Int32Array): void {
  const parity = p.n & 1;
  let free = freeParticipants(mate, order);
  let budget = BREAK_SEARCH_BUDGET; // shared by all break searches; direct pairing always runs
  while (free.length > parity) {
    const u = free[0]!;
    let best = -1; // direct partner, or matched v to take from its pair
    let bestX = -1; // when breaking: the leftover that w takes instead of v
    let bestRound = Infinity;
    let bestWeight = -1;
    const consider = (v: number, x: number): void => {
      const round = p.met.lastRound(u, v);
      const weight = pairWeight(p, u, v);
      if (round < bestRound || (round === bestRound && weight > bestWeight)) {
        best = v;
        bestX = x;
        bestRound = round;
        bestWeight = weight;
      }
    };
    for (const v of free) if (v !== u) consider(v, -1);
    for (let o = 0; o < p.n && budget > 0; o++) {
      const v = order[o]!;
      const w = mate[v]!;
      budget--;
      if (w < 0 || p.met.lastRound(u, v) >= bestRound) continue;
      budget -= free.length;
      const x = free.find((y) => y !== u && !p.met.has(w, y));
      if (x !== undefined) consider(v, x);
    }
    if (bestX >= 0) {
      const w = mate[best]!;
      mate[w] = bestX;
      mate[bestX] = w;
    }
    mate[u] = best;
    mate[best] = u;
    free = free.filter((x) => mate[x]! < 0);
  }
}
