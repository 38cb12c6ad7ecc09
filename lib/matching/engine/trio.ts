import { pairWeight, type Problem, tagCount } from "./problem";

// Holders scanned when looking for a trio host through shared tags (direct / per reroute option).
const HOST_SCAN_LIMIT = 4000;
const REROUTE_HOST_SCAN_LIMIT = 200;
// Up to this size every pair is tried as a reroute; above, weight-0 pairs and a sample of one-tag
// pairs (the cheapest pairs to break up).
const FULL_REROUTE_LIMIT = 300;
const REROUTE_SAMPLE = 200;

/** The odd participant out and the pair it joins. */
export interface Trio {
  extra: number;
  hostA: number;
  hostB: number;
}

interface Host {
  a: number;
  b: number;
  repeats: number; // how many of the two new pairs met before
  recency: number; // latest round among those repeats (-Infinity when none)
  gain: number; // weight the two new pairs add
}

/**
 * Turns the single unmatched participant (odd n) into a trio member. Guarantees: the trio's three
 * pairs avoid repeats whenever any such host exists; otherwise the host with the fewest and
 * oldest repeats. It also tries "reroutes": the leftover x takes the place of y in a pair (y, z)
 * and y joins a host instead, which is how a tag-less leftover still yields a trio sharing tags.
 */
export function placeLeftover(p: Problem, mate: Int32Array, order: Int32Array): Trio | null {
  let x = -1;
  for (let u = 0; u < p.n; u++) if (mate[u]! < 0) x = u;
  if (x < 0 || p.n < 3) return null;

  const direct = bestHost(p, mate, order, x, -1, HOST_SCAN_LIMIT, true);
  let bestTotal = direct.repeats === 0 ? direct.gain : -Infinity;
  let reroute: { y: number; z: number; host: Host } | null = null;

  const tryReroute = (y: number, z: number): void => {
    if (p.met.has(x, z)) return;
    const base = pairWeight(p, x, z) - pairWeight(p, y, z);
    const ceiling = base + (tagCount(p, y) > 0 ? 2 * (100 + tagCount(p, y)) : 0);
    if (ceiling <= bestTotal) return;
    const host = bestHost(p, mate, order, y, z, REROUTE_HOST_SCAN_LIMIT, false);
    if (host.repeats > 0 || base + host.gain <= bestTotal) return;
    bestTotal = base + host.gain;
    reroute = { y, z, host };
  };

  let sampled = p.n <= FULL_REROUTE_LIMIT ? -Infinity : 0;
  for (let o = 0; o < p.n; o++) {
    const y = order[o]!;
    const z = mate[y]!;
    if (z < 0) continue;
    const weight = pairWeight(p, y, z);
    if (sampled < 0 || weight === 0 || (weight === 101 && sampled++ < REROUTE_SAMPLE)) tryReroute(y, z);
  }

  const chosen = reroute as { y: number; z: number; host: Host } | null;
  if (chosen === null) return { extra: x, hostA: direct.a, hostB: direct.b };
  mate[x] = chosen.z;
  mate[chosen.z] = x;
  mate[chosen.y] = -1;
  return { extra: chosen.y, hostA: chosen.host.a, hostB: chosen.host.b };
}

// Best pair (a, b) for y to join, ignoring y's own pair and the pair containing `skip`. Only an
// exhaustive search is sure to find a host (used for the direct placement).
function bestHost(p: Problem, mate: Int32Array, order: Int32Array, y: number, skip: number, scanLimit: number, exhaustive: boolean): Host {
  let best: Host = { a: -1, b: -1, repeats: 3, recency: Infinity, gain: -1 };
  const ceiling = tagCount(p, y) > 0 ? 2 * (100 + tagCount(p, y)) : 0;
  const visit = (a: number): boolean => {
    const b = mate[a]!;
    if (b < 0 || a === y || b === y || a === skip || b === skip) return false;
    const repeats = (p.met.has(y, a) ? 1 : 0) + (p.met.has(y, b) ? 1 : 0);
    const recency = repeats === 0 ? -Infinity : Math.max(p.met.lastRound(y, a), p.met.lastRound(y, b));
    const gain = pairWeight(p, y, a) + pairWeight(p, y, b);
    if (
      repeats < best.repeats ||
      (repeats === best.repeats && (recency < best.recency || (recency === best.recency && gain > best.gain)))
    ) {
      best = { a, b, repeats, recency, gain };
    }
    return best.repeats === 0 && best.gain >= ceiling; // cannot do better
  };
  // Through shared tags first (rarest tag first), where the heavy hosts are.
  let scanned = 0;
  for (let i = p.tagStart[y]!; i < p.tagStart[y + 1]! && scanned < scanLimit; i++) {
    const t = p.tagList[i]!;
    for (let j = p.holderStart[t]!; j < p.holderStart[t + 1]! && scanned < scanLimit; j++, scanned++) {
      if (visit(p.holderList[j]!)) return best;
    }
  }
  if (!exhaustive || (best.repeats === 0 && best.gain > 0)) return best;
  // No tag-sharing host without repeats: any pair will do, so scan everyone.
  for (let o = 0; o < p.n; o++) if (visit(order[o]!)) break;
  return best;
}
