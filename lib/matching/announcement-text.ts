import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { hobbies, matchGroupMembers, matchPairs, users } from "@/db/schema";
import { matchAnnouncementText } from "@/lib/telegram/messages";
import { icebreakerOfGroup } from "./icebreakers";

/**
 * The announcement of `roundId` for `userId`, composed from what the round stored: the partner(s)
 * in the user's group, the hobbies the user shares with them (for a trio, those shared with either
 * partner) and the group's icebreaker. Null when the user is in no group of that round.
 */
export async function composeAnnouncement(
  executor: Executor,
  { roundId, userId }: { roundId: number; userId: number },
): Promise<string | null> {
  const [membership] = await executor
    .select({ groupId: matchGroupMembers.groupId })
    .from(matchGroupMembers)
    .where(and(eq(matchGroupMembers.roundId, roundId), eq(matchGroupMembers.userId, userId)));
  if (!membership) return null;

  const partners = await executor
    .select({ first_name: users.firstName, last_name: users.lastName, tg_link: users.tgLink })
    .from(matchGroupMembers)
    .innerJoin(users, eq(users.id, matchGroupMembers.userId))
    .where(and(eq(matchGroupMembers.groupId, membership.groupId), ne(matchGroupMembers.userId, userId)))
    .orderBy(asc(users.id));

  const sharedIds = executor
    .select({ id: sql`unnest(${matchPairs.commonHobbyIds})` })
    .from(matchPairs)
    .where(and(eq(matchPairs.groupId, membership.groupId), or(eq(matchPairs.userLowId, userId), eq(matchPairs.userHighId, userId))));
  const shared = await executor
    .select({ id: hobbies.id, name: hobbies.name })
    .from(hobbies)
    .where(inArray(hobbies.id, sharedIds))
    .orderBy(asc(hobbies.id));

  const icebreaker = await icebreakerOfGroup(executor, membership.groupId);
  return matchAnnouncementText({ partners, commonHobbies: shared.map((hobby) => hobby.name), icebreaker });
}
