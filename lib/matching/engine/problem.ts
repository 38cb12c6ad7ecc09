import { PairTable } from "./pair-table";
import type { MatchingInput } from "./types";

/**
 * Dense, typed-array view of a matching instance: participants are re-indexed 0..n-1 and
 * tags 0..T-1 (rarest first), so hot loops never touch the caller's ids or objects.
 */
export interface Problem {
  n: number;
  ids: number[]; // original participant id of each dense index
  tagTotal: number; // distinct tags held by at least one participant
  words: number; // 32-bit words per participant bitset
  bits: Uint32Array; // participant u's tag bitset lives at [u * words, (u + 1) * words)
  tagStart: Int32Array; // tags of u: tagList[tagStart[u] .. tagStart[u + 1]), rarest first
  tagList: Int32Array;
  holderStart: Int32Array; // participants holding tag t: holderList[holderStart[t] .. holderStart[t + 1])
  holderList: Int32Array;
  met: PairTable; // pairs of participants who met before, with their latest round
}

// Builds the dense view; throws on duplicate participant ids, ignores history about unknown ids.
export function buildProblem(input: MatchingInput): Problem {
  const n = input.participants.length;
  const ids: number[] = input.participants.map((participant) => participant.id);
  const indexOf = denseIndex(ids);
  const tagIndex = new Map<number, number>();
  const smallTagIndex: number[] = []; // fast path for tag ids 0..SMALL_TAG_ID (the usual case)
  const tagFrequency: number[] = [];
  const lastHolder: number[] = []; // dedupes repeated hobbies of one participant
  const rawStart = new Int32Array(n + 1);
  const rawTags: number[] = []; // first-appearance tag numbers, flattened per participant
  for (let u = 0; u < n; u++) {
    for (const hobby of input.participants[u]!.hobbies) {
      const small = Number.isInteger(hobby) && hobby >= 0 && hobby <= SMALL_TAG_ID;
      let t = small ? smallTagIndex[hobby] : tagIndex.get(hobby);
      if (t === undefined) {
        t = tagFrequency.length;
        if (small) smallTagIndex[hobby] = t;
        else tagIndex.set(hobby, t);
        tagFrequency.push(0);
        lastHolder.push(-1);
      }
      if (lastHolder[t] === u) continue;
      lastHolder[t] = u;
      tagFrequency[t]!++;
      rawTags.push(t);
    }
    rawStart[u + 1] = rawTags.length;
  }

  // Re-number tags rarest first (ties by first appearance), so "rarest tag first" scans are cheap.
  const tagTotal = tagFrequency.length;
  const byRarity = Array.from({ length: tagTotal }, (_, t) => t).sort((x, y) => tagFrequency[x]! - tagFrequency[y]! || x - y);
  const rank = new Int32Array(tagTotal);
  byRarity.forEach((t, r) => (rank[t] = r));

  const words = Math.max(1, Math.ceil(tagTotal / 32));
  const bits = new Uint32Array(n * words);
  const tagStart = new Int32Array(n + 1);
  const holderStart = new Int32Array(tagTotal + 1);
  tagStart.set(rawStart);
  const tagList = new Int32Array(rawTags.length);
  for (let i = 0; i < rawTags.length; i++) tagList[i] = rank[rawTags[i]!]!;
  for (let u = 0; u < n; u++) {
    // Insertion sort: tag lists are short, and subarray().sort() per participant is slow.
    for (let i = tagStart[u]! + 1; i < tagStart[u + 1]!; i++) {
      const t = tagList[i]!;
      let j = i - 1;
      for (; j >= tagStart[u]! && tagList[j]! > t; j--) tagList[j + 1] = tagList[j]!;
      tagList[j + 1] = t;
    }
    for (let i = tagStart[u]!; i < tagStart[u + 1]!; i++) {
      const t = tagList[i]!;
      bits[u * words + (t >>> 5)]! |= 1 << (t & 31);
      holderStart[t + 1]!++;
    }
  }
  for (let t = 0; t < tagTotal; t++) holderStart[t + 1]! += holderStart[t]!;
  const holderList = new Int32Array(tagList.length);
  const fill = holderStart.slice(0, tagTotal);
  for (let u = 0; u < n; u++) {
    for (let i = tagStart[u]!; i < tagStart[u + 1]!; i++) holderList[fill[tagList[i]!]!++] = u;
  }

  const met = new PairTable(input.history.length);
  for (const meeting of input.history) {
    const a = indexOf(meeting.a);
    const b = indexOf(meeting.b);
    if (a >= 0 && b >= 0) met.add(a, b, meeting.round);
  }
  return { n, ids, tagTotal, words, bits, tagStart, tagList, holderStart, holderList, met };
}

const SMALL_TAG_ID = 1 << 16;

// Returns id -> dense index (-1 if unknown); throws on duplicates. Uses a typed-array table when
// the ids are integers in a compact range (database serials), a Map otherwise.
function denseIndex(ids: number[]): (id: number) => number {
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) integers = false;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  const duplicate = (id: number): never => {
    throw new Error(`duplicate participant id ${id}`);
  };
  if (integers && ids.length > 0 && max - min < 4 * ids.length + 1024) {
    const table = new Int32Array(max - min + 1).fill(-1);
    ids.forEach((id, u) => (table[id - min]! >= 0 ? duplicate(id) : (table[id - min] = u)));
    return (id) => (id >= min && id <= max && Number.isInteger(id) ? table[id - min]! : -1);
  }
  const map = new Map<number, number>();
  ids.forEach((id, u) => (map.has(id) ? duplicate(id) : map.set(id, u)));
  return (id) => map.get(id) ?? -1;
}

// Number of set bits of a 32-bit integer.
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

// Exact number of tags shared by participants a and b.
export function commonTags(p: Problem, a: number, b: number): number {
  const words = p.words;
  if (words === 1) return popcount32(p.bits[a]! & p.bits[b]!);
  let shared = 0;
  for (let i = 0; i < words; i++) shared += popcount32(p.bits[a * words + i]! & p.bits[b * words + i]!);
  return shared;
}

// Objective weight of putting a and b in one group: (common >= 1 ? 100 : 0) + common.
export function pairWeight(p: Problem, a: number, b: number): number {
  const shared = commonTags(p, a, b);
  return shared === 0 ? 0 : 100 + shared;
}

// Number of tags of participant u.
export function tagCount(p: Problem, u: number): number {
  return p.tagStart[u + 1]! - p.tagStart[u]!;
}
