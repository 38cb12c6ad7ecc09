import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { icebreakers, matchGroupMembers, matchPairs, matchRounds } from "@/db/schema";

/** One of `questions` (ordered by id) for `groupId`: the same group always gets the same question. */
export function pickIcebreaker(groupId: number, questions: string[]): string | null {
  if (questions.length === 0) return null;
  // A multiplicative hash, so that neighbouring groups of one round get different questions.
  return questions[(Math.imul(groupId, 0x9e3779b1) >>> 0) % questions.length]!;
}

/**
 * The conversation starter of a group: a question of a hobby its members share (any pair of a trio),
 * otherwise a generic one; null when the bank is empty.
 */
export async function icebreakerOfGroup(executor: Executor, groupId: number): Promise<string | null> {
  const sharedHobbies = executor
    .select({ id: sql`unnest(${matchPairs.commonHobbyIds})` })
    .from(matchPairs)
    .where(eq(matchPairs.groupId, groupId));
  const ofShared = await executor
    .select({ question: icebreakers.question })
    .from(icebreakers)
    .where(inArray(icebreakers.hobbyId, sharedHobbies))
    .orderBy(asc(icebreakers.id));
  const questions =
    ofShared.length > 0
      ? ofShared
      : await executor
          .select({ question: icebreakers.question })
          .from(icebreakers)
          .where(isNull(icebreakers.hobbyId))
          .orderBy(asc(icebreakers.id));
  return pickIcebreaker(
    groupId,
    questions.map((row) => row.question),
  );
}

/** The icebreaker of the user's group in the latest round, or null when they are not in it. */
export async function currentIcebreaker({ userId }: { userId: number }): Promise<string | null> {
  const [membership] = await db
    .select({ groupId: matchGroupMembers.groupId })
    .from(matchGroupMembers)
    .where(
      and(
        eq(matchGroupMembers.userId, userId),
        eq(matchGroupMembers.roundId, sql`(select ${matchRounds.id} from ${matchRounds} order by ${matchRounds.slot} desc limit 1)`),
      ),
    );
  return membership ? icebreakerOfGroup(db, membership.groupId) : null;
}
