import { and, asc, eq, lt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { matchGroups, matchPairs, matchRounds, userHobbies, users } from "@/db/schema";
import type { MatchingMeeting, MatchingParticipant } from "./engine";

export interface RoundParticipant extends MatchingParticipant {
  chatId: string | null;
}

export interface RoundInput {
  participants: RoundParticipant[];
  hobbiesByUser: Map<number, Set<number>>;
  history: MatchingMeeting[];
}

/**
 * Who is matched this round: every active account that has matching switched on (staff included
 * only when their own switch is on; nobody is ever added to even out the count), with their hobbies,
 * and every pair met in a round scheduled before `slot`, numbered by slot (older = smaller).
 */
export async function loadRoundInput(executor: Executor, { slot }: { slot: Date }): Promise<RoundInput> {
  const people = await executor
    .select({ id: users.id, chatId: users.chatId })
    .from(users)
    .where(and(eq(users.isActive, true), eq(users.isActivePair, true)))
    .orderBy(asc(users.id));
  const links = await executor
    .select({ userId: userHobbies.userId, hobbyId: userHobbies.hobbyId })
    .from(userHobbies)
    .innerJoin(users, eq(users.id, userHobbies.userId))
    .where(and(eq(users.isActive, true), eq(users.isActivePair, true)))
    .orderBy(asc(userHobbies.userId), asc(userHobbies.hobbyId));

  const hobbiesByUser = new Map<number, Set<number>>();
  for (const link of links) {
    const set = hobbiesByUser.get(link.userId) ?? new Set<number>();
    set.add(link.hobbyId);
    hobbiesByUser.set(link.userId, set);
  }
  const participants = people.map((person) => ({
    id: person.id,
    chatId: person.chatId,
    hobbies: [...(hobbiesByUser.get(person.id) ?? [])],
  }));

  const earlierRounds = await executor
    .select({ id: matchRounds.id })
    .from(matchRounds)
    .where(lt(matchRounds.slot, slot))
    .orderBy(asc(matchRounds.slot));
  const roundNumber = new Map(earlierRounds.map((round, index) => [round.id, index + 1]));
  const met = await executor
    .select({ a: matchPairs.userLowId, b: matchPairs.userHighId, roundId: matchGroups.roundId })
    .from(matchPairs)
    .innerJoin(matchGroups, eq(matchGroups.id, matchPairs.groupId))
    .innerJoin(matchRounds, eq(matchRounds.id, matchGroups.roundId))
    .where(lt(matchRounds.slot, slot))
    .orderBy(asc(matchPairs.id));
  const history = met.map((pair) => ({ a: pair.a, b: pair.b, round: roundNumber.get(pair.roundId)! }));
  return { participants, hobbiesByUser, history };
}

/** A deterministic 31-bit seed for a slot (FNV-1a of its ISO time): re-solving a slot gives the same groups. */
export function seedForSlot(slot: Date): number {
  let hash = 0x811c9dc5;
  for (const char of slot.toISOString()) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}
