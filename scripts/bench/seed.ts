// Seed data the benchmarks load: hobbies on every account and weekly pair rounds, written straight
// to the app's database so the measured reads do real work.
import type postgres from "postgres";

/** Gives every account the first `count` hobbies of the seeded catalogue. */
export async function giveEveryoneHobbies(sql: postgres.Sql, count: number): Promise<void> {
  await sql`insert into user_hobbies (user_id, hobby_id) select u.id, h.id from users u, hobbies h where h.id <= ${count}`;
}

/**
 * A round `weeksAgo` weeks back (0: now, the current round) in which the two users were a pair
 * sharing the first `sharedHobbies` hobbies.
 */
export async function addPairRound(
  sql: postgres.Sql,
  { weeksAgo, userIds, sharedHobbies }: { weeksAgo: number; userIds: [number, number]; sharedHobbies: number },
): Promise<void> {
  const [low, high] = [Math.min(...userIds), Math.max(...userIds)];
  await sql.begin(async (tx) => {
    const [round] = await tx`insert into match_rounds (slot) values (now() - ${weeksAgo} * interval '1 week') returning id`;
    const [group] = await tx`insert into match_groups (round_id) values (${round!.id}) returning id`;
    await tx`insert into match_group_members (group_id, round_id, user_id) select ${group!.id}, ${round!.id}, unnest(${[low, high]}::int[])`;
    await tx`insert into match_pairs (group_id, user_low_id, user_high_id, common_hobby_ids)
      values (${group!.id}, ${low}, ${high}, array(select id from hobbies where id <= ${sharedHobbies} order by id))`;
  });
}

/** Table statistics, as autovacuum would have gathered them on a live server. */
export async function analyze(sql: postgres.Sql): Promise<void> {
  await sql`analyze`;
}
