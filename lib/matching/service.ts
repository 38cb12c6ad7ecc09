import { eq, inArray, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { matchGroupMembers, matchGroups, matchNotifications, matchPairs, matchRounds, userHobbies } from "@/db/schema";

const CHUNK = 2_000;

/** `count` fresh ids of a serial column's sequence, in one round trip. */
async function nextIds(tx: Transaction, sequence: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const [row] = await tx
    .select({ ids: sql<number[]>`array(select nextval(${sequence})::int from generate_series(1, ${count}))` })
    .from(sql`(values (1)) as one (x)`);
  return row!.ids.map(Number);
}

// Whole columns travel as one array parameter each and the rows are made by `unnest` on the server:
// one statement per table whatever the size of the round (100 000 students: ~1 s, against 12.6 s for
// multi-row inserts of 2 000 rows). The values are integers (and numeric chat ids, which the users
// table's check constraint guarantees), so an array literal needs no quoting.
function intArray(values: number[]) {
  return sql`${`{${values.join(",")}}`}::int[]`;
}

function textArrayOfDigits(values: string[]) {
  return sql`${`{${values.join(",")}}`}::text[]`;
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
  if (groups.length === 0) return { roundId, created: true };

  // The per-row group-size trigger skips this round's rows (migration 0007): checkGroupSizes below does it in one query.
  await tx.execute(sql`select set_config('unimatch.round_checked', ${String(roundId)}, true)`);
  const groupIds = await nextIds(tx, "match_groups_id_seq", groups.length);
  await tx.execute(sql`
    insert into ${matchGroups} (id, round_id)
    select id, ${roundId}::int from unnest(${intArray(groupIds)}) as ids (id)`);

  const memberGroupIds: number[] = [];
  const memberUserIds: number[] = [];
  const pairGroupIds: number[] = [];
  const pairLowIds: number[] = [];
  const pairHighIds: number[] = [];
  groups.forEach((group, index) => {
    for (const [i, a] of group.entries()) {
      memberGroupIds.push(groupIds[index]!);
      memberUserIds.push(a);
      for (const b of group.slice(i + 1)) {
        pairGroupIds.push(groupIds[index]!);
        pairLowIds.push(Math.min(a, b));
        pairHighIds.push(Math.max(a, b));
      }
    }
  });
  await tx.execute(sql`
    insert into ${matchGroupMembers} (group_id, round_id, user_id)
    select group_id, ${roundId}::int, user_id from unnest(${intArray(memberGroupIds)}, ${intArray(memberUserIds)}) as members (group_id, user_id)`);

  await checkGroupSizes(tx, roundId);

  // Each pair's shared hobbies travel flat (pair index, hobby id) and are gathered per pair by the server.
  const hobbySetsByUser = hobbiesByUser ?? (await hobbySets(tx, memberUserIds));
  const sharedPairIndexes: number[] = [];
  const sharedHobbyIds: number[] = [];
  pairLowIds.forEach((low, index) => {
    const high = hobbySetsByUser.get(pairHighIds[index]!);
    if (!high) return;
    for (const hobbyId of [...(hobbySetsByUser.get(low) ?? [])].sort((x, y) => x - y)) {
      if (!high.has(hobbyId)) continue;
      sharedPairIndexes.push(index + 1);
      sharedHobbyIds.push(hobbyId);
    }
  });
  await tx.execute(sql`
    insert into ${matchPairs} (group_id, user_low_id, user_high_id, common_hobby_ids)
    select pairs.group_id, pairs.low, pairs.high, coalesce(shared.ids, '{}')
    from unnest(${intArray(pairGroupIds)}, ${intArray(pairLowIds)}, ${intArray(pairHighIds)}) with ordinality as pairs (group_id, low, high, n)
    left join (
      select n, array_agg(hobby_id order by hobby_id) as ids
      from unnest(${intArray(sharedPairIndexes)}, ${intArray(sharedHobbyIds)}) as flat (n, hobby_id)
      group by n
    ) as shared on shared.n = pairs.n`);
  return { roundId, created: true };
}

/** Throws unless every group of the round has 2 or 3 members: the database's group-size rule, for a whole round at once. */
async function checkGroupSizes(tx: Transaction, roundId: number): Promise<void> {
  const [sizes] = await tx
    .select({
      groups: sql<number>`(select count(*) from ${matchGroups} where ${matchGroups.roundId} = ${roundId})::int`,
      wellFormed: sql<number>`(select count(*) from (
        select ${matchGroupMembers.groupId} from ${matchGroupMembers} where ${matchGroupMembers.roundId} = ${roundId}
        group by ${matchGroupMembers.groupId} having count(*) between 2 and 3) as sized)::int`,
    })
    .from(sql`(values (1)) as one (x)`);
  if (Number(sizes!.groups) !== Number(sizes!.wellFormed))
    throw new Error(`round ${roundId}: ${Number(sizes!.groups) - Number(sizes!.wellFormed)} of its groups do not have 2 or 3 members`);
}

/** One pending announcement of round `roundId` per participant given (each with a linked Telegram chat). */
export async function writeAnnouncements(tx: Transaction, roundId: number, participants: Array<{ id: number; chatId: string | null }>) {
  const recipients = participants.filter((participant): participant is { id: number; chatId: string } => participant.chatId !== null);
  if (recipients.length === 0) return;
  await tx.execute(sql`
    insert into ${matchNotifications} (round_id, user_id, chat_id)
    select ${roundId}::int, user_id, chat_id
    from unnest(${intArray(recipients.map((recipient) => recipient.id))}, ${textArrayOfDigits(recipients.map((recipient) => recipient.chatId))}) as recipients (user_id, chat_id)
    on conflict do nothing`);
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
