import { and, asc, eq, lt, sql } from "drizzle-orm";
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
  // Whole columns as one array each: at 100 000 students and 8 weeks that is ~800 000 values, which
  // arrive several times faster as six arrays than as 800 000 row objects.
  const taking = and(eq(users.isActive, true), eq(users.isActivePair, true));
  const [people] = await executor
    .select({
      ids: sql<number[]>`coalesce(array_agg(${users.id} order by ${users.id}), '{}')`,
      // Only the linked chats, by user: an array's NULL elements do not survive every driver's parser.
      chatUserIds: sql<number[]>`coalesce(array_agg(${users.id}) filter (where ${users.chatId} is not null), '{}')`,
      chatIds: sql<string[]>`coalesce(array_agg(${users.chatId}) filter (where ${users.chatId} is not null), '{}')`,
    })
    .from(users)
    .where(taking);
  const [links] = await executor
    .select({
      // Unordered: the aggregates of one query consume the same rows in the same order, so the arrays
      // line up; each participant's hobbies are sorted below (an ORDER BY per aggregate sorted each array).
      userIds: sql<number[]>`coalesce(array_agg(${userHobbies.userId}), '{}')`,
      hobbyIds: sql<number[]>`coalesce(array_agg(${userHobbies.hobbyId}), '{}')`,
    })
    .from(userHobbies)
    .innerJoin(users, eq(users.id, userHobbies.userId))
    .where(taking);

  const hobbiesByUser = new Map<number, Set<number>>();
  links!.userIds.forEach((userId, index) => {
    const set = hobbiesByUser.get(userId) ?? new Set<number>();
    set.add(links!.hobbyIds[index]!);
    hobbiesByUser.set(userId, set);
  });
  const chatOf = new Map(people!.chatUserIds.map((id, index) => [id, String(people!.chatIds[index])]));
  const participants = people!.ids.map((id) => ({
    id,
    chatId: chatOf.get(id) ?? null,
    hobbies: [...(hobbiesByUser.get(id) ?? [])].sort((x, y) => x - y),
  }));

  const earlierRounds = await executor
    .select({ id: matchRounds.id })
    .from(matchRounds)
    .where(lt(matchRounds.slot, slot))
    .orderBy(asc(matchRounds.slot));
  const roundNumber = new Map(earlierRounds.map((round, index) => [round.id, index + 1]));
  const [met] = await executor
    .select({
      // Unordered too: a meeting's round is its latest, whatever the order (PairTable keeps the max).
      lows: sql<number[]>`coalesce(array_agg(${matchPairs.userLowId}), '{}')`,
      highs: sql<number[]>`coalesce(array_agg(${matchPairs.userHighId}), '{}')`,
      roundIds: sql<number[]>`coalesce(array_agg(${matchGroups.roundId}), '{}')`,
    })
    .from(matchPairs)
    .innerJoin(matchGroups, eq(matchGroups.id, matchPairs.groupId))
    .innerJoin(matchRounds, eq(matchRounds.id, matchGroups.roundId))
    .where(lt(matchRounds.slot, slot));
  const history = met!.lows.map((a, index) => ({ a, b: met!.highs[index]!, round: roundNumber.get(met!.roundIds[index]!)! }));
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
