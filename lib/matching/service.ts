import { eq, inArray, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { matchGroupMembers, matchGroups, matchPairHobbies, matchPairs, matchRounds, userHobbies } from "@/db/schema";

const CHUNK = 2_000;

/** Inserts rows a few thousand at a time (one statement has at most 65 535 parameters). */
export async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}

async function nextIds(tx: Transaction, sequence: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await tx.select({ id: sql<number>`nextval(${sequence})::int` }).from(sql`generate_series(1, ${count})`);
  return rows.map((row) => Number(row.id));
}

export interface SavedRound {
  roundId: number;
  created: boolean;
}

/**
 * Writes a round for `slot` with its groups (2 or 3 user ids each), the pairs inside them and the
 * hobbies each pair shares, in one transaction. A round already saved for the slot is returned as is
 * and nothing is written, so retries and concurrent runs produce one round.
 */
export async function saveRound({ slot, groups, seed = 0 }: { slot: Date; groups: number[][]; seed?: number }): Promise<SavedRound> {
  return db.transaction((tx) => writeRound(tx, { slot, groups, seed }));
}

/**
 * saveRound's writes inside the caller's transaction, so a round can commit together with other rows
 * (its announcements). `hobbiesByUser`, when given, are the hobby sets the groups were solved with.
 */
export async function writeRound(
  tx: Transaction,
  { slot, groups, seed = 0, hobbiesByUser }: { slot: Date; groups: number[][]; seed?: number; hobbiesByUser?: Map<number, Set<number>> },
): Promise<SavedRound> {
  const [inserted] = await tx
    .insert(matchRounds)
    .values({ slot, seed })
    .onConflictDoNothing({ target: matchRounds.slot })
    .returning({ id: matchRounds.id });
  if (!inserted) {
    const [existing] = await tx.select({ id: matchRounds.id }).from(matchRounds).where(eq(matchRounds.slot, slot));
    return { roundId: existing!.id, created: false };
  }
  const roundId = inserted.id;
  const groupIds = await nextIds(tx, "match_groups_id_seq", groups.length);
  await insertChunked(groupIds, (chunk) => tx.insert(matchGroups).values(chunk.map((id) => ({ id, roundId }))));
  const members = groups.flatMap((group, index) => group.map((userId) => ({ groupId: groupIds[index]!, roundId, userId })));
  await insertChunked(members, (chunk) => tx.insert(matchGroupMembers).values(chunk));

  const pairs = groups.flatMap((group, index) =>
    group.flatMap((a, i) =>
      group.slice(i + 1).map((b) => ({ groupId: groupIds[index]!, userLowId: Math.min(a, b), userHighId: Math.max(a, b) })),
    ),
  );
  const pairIds = await nextIds(tx, "match_pairs_id_seq", pairs.length);
  await insertChunked(
    pairs.map((pair, index) => ({ ...pair, id: pairIds[index]! })),
    (chunk) => tx.insert(matchPairs).values(chunk),
  );

  const hobbySetsByUser =
    hobbiesByUser ??
    (await hobbySets(
      tx,
      members.map((member) => member.userId),
    ));
  const pairHobbies = pairs.flatMap((pair, index) => {
    const low = hobbySetsByUser.get(pair.userLowId) ?? new Set<number>();
    const high = hobbySetsByUser.get(pair.userHighId) ?? new Set<number>();
    return [...low].filter((hobbyId) => high.has(hobbyId)).map((hobbyId) => ({ pairId: pairIds[index]!, hobbyId }));
  });
  await insertChunked(pairHobbies, (chunk) => tx.insert(matchPairHobbies).values(chunk));
  return { roundId, created: true };
}

async function hobbySets(tx: Transaction, userIds: number[]): Promise<Map<number, Set<number>>> {
  const sets = new Map<number, Set<number>>();
  for (let start = 0; start < userIds.length; start += CHUNK) {
    const rows = await tx
      .select()
      .from(userHobbies)
      .where(inArray(userHobbies.userId, userIds.slice(start, start + CHUNK)));
    for (const row of rows) {
      const set = sets.get(row.userId) ?? new Set<number>();
      set.add(row.hobbyId);
      sets.set(row.userId, set);
    }
  }
  return sets;
}
