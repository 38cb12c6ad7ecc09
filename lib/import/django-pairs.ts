import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { matchGroupMembers, matchGroups, matchPairs, matchRounds, userHobbies } from "@/db/schema";
import { currentSlot } from "@/lib/matching/schedule";
import type { SourcePair } from "./django-source";

export interface PairStats {
  roundsCreated: number;
  created: number;
  existing: number;
  skipped: number;
  /** Of the created, how many were the source's current (not archived) pairs. */
  current: number;
}

async function roundFor(tx: Transaction, slot: Date, stats: PairStats): Promise<number> {
  const [existing] = await tx.select({ id: matchRounds.id }).from(matchRounds).where(eq(matchRounds.slot, slot));
  if (existing) return existing.id;
  const [created] = await tx.insert(matchRounds).values({ slot }).returning({ id: matchRounds.id });
  stats.roundsCreated += 1;
  return created!.id;
}

async function commonHobbies(tx: Transaction, a: number, b: number): Promise<number[]> {
  const rows = await tx
    .select({ userId: userHobbies.userId, hobbyId: userHobbies.hobbyId })
    .from(userHobbies)
    .where(inArray(userHobbies.userId, [a, b]));
  const ofA = new Set(rows.filter((row) => row.userId === a).map((row) => row.hobbyId));
  return rows.filter((row) => row.userId === b && ofA.has(row.hobbyId)).map((row) => row.hobbyId);
}

/**
 * Turns the Django pair history into match rounds: each pair joins the round of the schedule slot its
 * created_at falls in (created when missing) as a two-person group, with the hobbies the two share now
 * as its common hobbies. Archived and current pairs alike; the latest round is what the API shows as
 * current. A pair already present (both in one group of that round) is counted, not duplicated; a pair
 * whose user is already in another group of that round is skipped with a warning.
 */
export async function importPairs(
  tx: Transaction,
  pairs: SourcePair[],
  userMap: Map<number, number>,
  warnings: string[],
): Promise<PairStats> {
  const stats: PairStats = { roundsCreated: 0, created: 0, existing: 0, skipped: 0, current: 0 };
  for (const pair of pairs) {
    const a = userMap.get(pair.user1Id);
    const b = userMap.get(pair.user2Id);
    if (a === undefined || b === undefined || a === b || !(pair.createdAt instanceof Date)) {
      stats.skipped += 1;
      warnings.push(`pair ${pair.id}: users not imported or invalid, skipped`);
      continue;
    }
    const roundId = await roundFor(tx, currentSlot(pair.createdAt), stats);
    const members = await tx
      .select({ groupId: matchGroupMembers.groupId, userId: matchGroupMembers.userId })
      .from(matchGroupMembers)
      .where(and(eq(matchGroupMembers.roundId, roundId), inArray(matchGroupMembers.userId, [a, b])));
    if (members.length > 0) {
      const together = members.length === 2 && members[0]!.groupId === members[1]!.groupId;
      if (together) stats.existing += 1;
      else {
        stats.skipped += 1;
        warnings.push(`pair ${pair.id}: a user already has a partner in that week's round, skipped`);
      }
      continue;
    }
    const [group] = await tx.insert(matchGroups).values({ roundId }).returning({ id: matchGroups.id });
    await tx.insert(matchGroupMembers).values([a, b].map((userId) => ({ groupId: group!.id, roundId, userId })));
    const shared = await commonHobbies(tx, a, b);
    await tx
      .insert(matchPairs)
      .values({ groupId: group!.id, userLowId: Math.min(a, b), userHighId: Math.max(a, b), commonHobbyIds: shared });
    stats.created += 1;
    if (!pair.isArchived) stats.current += 1;
  }
  return stats;
}
