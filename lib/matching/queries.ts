import { asc, desc, eq, inArray, or } from "drizzle-orm";
import { db } from "@/db/client";
import { hobbies, matchGroups, matchPairHobbies, matchPairs, matchRounds, userHobbies, users } from "@/db/schema";
import type { HobbyRef } from "@/lib/hobbies/queries";
import { zonedDate } from "./schedule";

export interface Partner {
  id: number;
  first_name: string;
  last_name: string;
  email: string | null;
  tg_link: string | null;
  hobby: HobbyRef[];
}

export interface PairEntry {
  id: number;
  partner: Partner;
  common_hobby: HobbyRef[];
  created_at: string;
  /** Present on the current round's entries when the group is a trio. */
  partners?: Partner[];
}

export interface UserPairs {
  current: PairEntry[];
  earlier: PairEntry[];
}

async function latestRoundId(): Promise<number | null> {
  const [round] = await db.select({ id: matchRounds.id }).from(matchRounds).orderBy(desc(matchRounds.slot)).limit(1);
  return round?.id ?? null;
}

async function partnersById(ids: number[]): Promise<Map<number, Partner>> {
  if (ids.length === 0) return new Map();
  const [people, links] = await Promise.all([
    db
      .select({ id: users.id, first_name: users.firstName, last_name: users.lastName, email: users.email, tg_link: users.tgLink })
      .from(users)
      .where(inArray(users.id, ids)),
    db
      .select({ userId: userHobbies.userId, id: hobbies.id, name: hobbies.name })
      .from(userHobbies)
      .innerJoin(hobbies, eq(hobbies.id, userHobbies.hobbyId))
      .where(inArray(userHobbies.userId, ids))
      .orderBy(asc(hobbies.id)),
  ]);
  const partners = new Map(people.map((person) => [person.id, { ...person, hobby: [] as HobbyRef[] }]));
  for (const link of links) partners.get(link.userId)?.hobby.push({ id: link.id, name: link.name });
  return partners;
}

/** Everyone the user was matched with, newest round first; entries of the latest round are `current`. */
export async function listPairsForUser({ userId }: { userId: number }): Promise<UserPairs> {
  const rows = await db
    .select({ id: matchPairs.id, low: matchPairs.userLowId, high: matchPairs.userHighId, groupId: matchPairs.groupId, roundId: matchRounds.id, slot: matchRounds.slot })
    .from(matchPairs)
    .innerJoin(matchGroups, eq(matchGroups.id, matchPairs.groupId))
    .innerJoin(matchRounds, eq(matchRounds.id, matchGroups.roundId))
    .where(or(eq(matchPairs.userLowId, userId), eq(matchPairs.userHighId, userId)))
    .orderBy(desc(matchRounds.slot), asc(matchPairs.id));
  if (rows.length === 0) return { current: [], earlier: [] };

  const pairIds = rows.map((row) => row.id);
  const [partners, common, currentRoundId] = await Promise.all([
    partnersById([...new Set(rows.map((row) => (row.low === userId ? row.high : row.low)))]),
    db
      .select({ pairId: matchPairHobbies.pairId, id: hobbies.id, name: hobbies.name })
      .from(matchPairHobbies)
      .innerJoin(hobbies, eq(hobbies.id, matchPairHobbies.hobbyId))
      .where(inArray(matchPairHobbies.pairId, pairIds))
      .orderBy(asc(hobbies.id)),
    latestRoundId(),
  ]);
  const commonByPair = new Map<number, HobbyRef[]>();
  for (const hobby of common) {
    const list = commonByPair.get(hobby.pairId) ?? [];
    list.push({ id: hobby.id, name: hobby.name });
    commonByPair.set(hobby.pairId, list);
  }

  const result: UserPairs = { current: [], earlier: [] };
  for (const row of rows) {
    const partner = partners.get(row.low === userId ? row.high : row.low);
    if (!partner) continue;
    const entry: PairEntry = { id: row.id, partner, common_hobby: commonByPair.get(row.id) ?? [], created_at: zonedDate(row.slot) };
    (row.roundId === currentRoundId ? result.current : result.earlier).push(entry);
  }
  if (result.current.length > 1) {
    const everyone = result.current.map((entry) => entry.partner);
    for (const entry of result.current) entry.partners = everyone;
  }
  return result;
}

