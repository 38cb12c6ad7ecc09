import { desc, eq, or, sql } from "drizzle-orm";
import { db, onFirstUse } from "@/db/client";
import { hobbies, matchGroups, matchPairs, matchRounds, userHobbies, users } from "@/db/schema";
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

const hobbyList = (filter: ReturnType<typeof sql>, from: ReturnType<typeof sql>) =>
  sql`coalesce((select json_agg(json_build_object('id', ${hobbies.id}, 'name', ${hobbies.name}) order by ${hobbies.id})
    from ${from} join ${hobbies} on ${hobbies.id} = hobby_id where ${filter}), '[]'::json)`;

const userId = sql.placeholder("userId");
const partnerId = sql`case when ${matchPairs.userLowId} = ${userId} then ${matchPairs.userHighId} else ${matchPairs.userLowId} end`;

// Prepared once: the pairs page and both pairs endpoints read it on every visit.
const pairsOfUser = onFirstUse(() =>
  db
    .select({
      id: matchPairs.id,
      slot: matchRounds.slot,
      isCurrent: sql<boolean>`${matchRounds.id} = (select id from ${matchRounds} order by slot desc limit 1)`,
      partner: sql<Partner>`json_build_object('id', ${users.id}, 'first_name', ${users.firstName}, 'last_name', ${users.lastName},
        'email', ${users.email}, 'tg_link', ${users.tgLink},
        'hobby', ${hobbyList(sql`${userHobbies.userId} = ${users.id}`, sql`${userHobbies}`)})`,
      commonHobby: sql<HobbyRef[]>`${hobbyList(sql`true`, sql`unnest(${matchPairs.commonHobbyIds}) as shared (hobby_id)`)}`,
    })
    .from(matchPairs)
    .innerJoin(matchGroups, eq(matchGroups.id, matchPairs.groupId))
    .innerJoin(matchRounds, eq(matchRounds.id, matchGroups.roundId))
    .innerJoin(users, eq(users.id, partnerId))
    .where(or(eq(matchPairs.userLowId, userId), eq(matchPairs.userHighId, userId)))
    .orderBy(desc(matchRounds.slot), matchPairs.id)
    .prepare("pairs_of_user"),
);

/** Everyone the user was matched with, newest round first; entries of the latest round are `current`. One query. */
export async function listPairsForUser({ userId }: { userId: number }): Promise<UserPairs> {
  const rows = await pairsOfUser().execute({ userId });
  const result: UserPairs = { current: [], earlier: [] };
  for (const row of rows) {
    const entry: PairEntry = { id: row.id, partner: row.partner, common_hobby: row.commonHobby, created_at: zonedDate(row.slot) };
    (row.isCurrent ? result.current : result.earlier).push(entry);
  }
  if (result.current.length > 1) {
    const everyone = result.current.map((entry) => entry.partner);
    for (const entry of result.current) entry.partners = everyone;
  }
  return result;
}
