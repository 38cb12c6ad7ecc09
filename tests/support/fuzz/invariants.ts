// What must hold in the database whatever the requests were (db/schema): every user has the rows the
// sign-up path that made it writes, nothing points at a row that is gone, no round is half-written.
// Each query returns the offending rows; an empty answer is a pass.
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

export interface Invariant {
  name: string;
  query: string;
}

// Children and the parents they must have: most are foreign keys already, and then cheap to confirm.
const ORPHANS: Array<[child: string, column: string, parent: string, parentColumn: string]> = [
  ["user_hobbies", "user_id", "users", "id"],
  ["user_hobbies", "hobby_id", "hobbies", "id"],
  ["refresh_token_families", "user_id", "users", "id"],
  ["refresh_tokens", "family_id", "refresh_token_families", "id"],
  ["refresh_tokens", "user_id", "users", "id"],
  ["legacy_keys", "user_id", "users", "id"],
  ["oauth_tokens", "user_id", "users", "id"],
  ["oauth_tokens", "application_id", "oauth_applications", "id"],
  ["social_identities", "user_id", "users", "id"],
  ["telegram_link_codes", "user_id", "users", "id"],
  ["user_photos", "user_id", "users", "id"],
  ["match_groups", "round_id", "match_rounds", "id"],
  ["match_group_members", "group_id", "match_groups", "id"],
  ["match_group_members", "user_id", "users", "id"],
  ["match_pairs", "group_id", "match_groups", "id"],
  ["match_notifications", "round_id", "match_rounds", "id"],
  ["match_notifications", "user_id", "users", "id"],
];

export const INVARIANTS: Invariant[] = [
  {
    name: "a pair's shared hobbies are hobbies that exist",
    query: `select p.id, h.hobby_id from match_pairs p cross join unnest(p.common_hobby_ids) as h (hobby_id)
      where not exists (select 1 from hobbies where hobbies.id = h.hobby_id)`,
  },
  {
    // Every sign-up path writes more than the user row, in the same transaction: the JWT sign-ups and
    // Telegram sign-in a refresh-token family, OAuth sign-in its token pair, the djoser sign-up the
    // activation mail. Only the operators' command (staff, in this file) writes the user alone.
    name: "every user has the rows its sign-up writes",
    query: `select u.id, u.email, u.chat_id, u.is_active from users u
      where not u.is_staff
        and not exists (select 1 from refresh_token_families f where f.user_id = u.id)
        and not exists (select 1 from oauth_tokens o where o.user_id = u.id)
        and not exists (select 1 from mail_outbox m where m.kind = 'activation' and lower(m.to_address) = lower(u.email))`,
  },
  {
    name: "every inactive account with a password has its activation mail",
    query: `select u.id, u.email from users u
      where not u.is_active and u.password_hash is not null
        and not exists (select 1 from mail_outbox m where m.kind = 'activation' and lower(m.to_address) = lower(u.email))`,
  },
  {
    name: "every account can sign in somehow (email, Telegram or a provider)",
    query: `select u.id from users u
      where u.email is null and u.chat_id is null and not exists (select 1 from social_identities s where s.user_id = u.id)`,
  },
  {
    name: "every account made by OAuth sign-in has its identity",
    query: `select u.id from users u
      where u.password_hash is null and u.chat_id is null
        and not exists (select 1 from social_identities s where s.user_id = u.id)`,
  },
  {
    name: "stored passwords are argon2id hashes",
    query: `select id from users where password_hash is not null and password_hash not like '$argon2id$%'`,
  },
  {
    name: "emails are stored trimmed",
    query: `select id, email from users where email <> btrim(email)`,
  },
  {
    name: "a refresh token belongs to its family's user",
    query: `select t.jti from refresh_tokens t join refresh_token_families f on f.id = t.family_id where t.user_id <> f.user_id`,
  },
  {
    name: "a rotated refresh token's successor exists in the same family",
    query: `select t.jti from refresh_tokens t
      where t.successor_jti is not null
        and not exists (select 1 from refresh_tokens s where s.jti = t.successor_jti and s.family_id = t.family_id)`,
  },
  {
    name: "no rate-limit counter past its limit",
    query: `select key, hits from rate_limits where (key like 'account:%' and hits > 10) or (key like 'ip:%' and hits > 100)`,
  },
  ...ORPHANS.map(([child, column, parent, parentColumn]) => ({
    name: `no ${child}.${column} without its ${parent}`,
    query: `select c.${column} from ${child} c where c.${column} is not null
      and not exists (select 1 from ${parent} p where p.${parentColumn} = c.${column})`,
  })),
  {
    name: "a pair's two people are members of its group",
    query: `select p.id from match_pairs p
      where not exists (select 1 from match_group_members m where m.group_id = p.group_id and m.user_id = p.user_low_id)
         or not exists (select 1 from match_group_members m where m.group_id = p.group_id and m.user_id = p.user_high_id)`,
  },
  {
    name: "no round without groups",
    query: `select r.id from match_rounds r where not exists (select 1 from match_groups g where g.round_id = r.id)`,
  },
  {
    name: "every group is a pair or a trio",
    query: `select g.id, count(m.user_id) as members from match_groups g left join match_group_members m on m.group_id = g.id
      group by g.id having count(m.user_id) not in (2, 3)`,
  },
  {
    name: "every group has one pair row per two members",
    query: `select g.id from match_groups g
      join (select group_id, count(*) as n from match_group_members group by group_id) m on m.group_id = g.id
      left join (select group_id, count(*) as n from match_pairs group by group_id) p on p.group_id = g.id
      where coalesce(p.n, 0) <> m.n * (m.n - 1) / 2`,
  },
  {
    name: "a member's round is its group's round",
    query: `select m.group_id, m.user_id from match_group_members m join match_groups g on g.id = m.group_id where g.round_id <> m.round_id`,
  },
];

async function rows(db: Database, query: string): Promise<Array<Record<string, unknown>>> {
  const result = (await db.execute(sql.raw(query))) as unknown as Array<Record<string, unknown>> | { rows: Array<Record<string, unknown>> };
  return Array.isArray(result) ? result : result.rows;
}

/** Runs every invariant; returns the failed ones with up to five offending rows each. */
export async function checkInvariants(db: Database): Promise<Array<{ name: string; offending: Array<Record<string, unknown>> }>> {
  const failed = [];
  for (const invariant of INVARIANTS) {
    const offending = await rows(db, `${invariant.query} limit 5`);
    if (offending.length > 0) failed.push({ name: invariant.name, offending });
  }
  return failed;
}

/** How many rows each kind of account and each round table holds, for the report. */
export async function tally(db: Database): Promise<string> {
  const [row] = await rows(
    db,
    `select
      (select count(*) from users) as users,
      (select count(*) from users where not is_active) as inactive,
      (select count(*) from users where email is null) as telegram_only,
      (select count(*) from social_identities) as identities,
      (select count(*) from refresh_tokens) as refresh_tokens,
      (select count(*) from legacy_keys) as legacy_keys,
      (select count(*) from oauth_tokens) as oauth_tokens,
      (select count(*) from mail_outbox) as mails,
      (select count(*) from match_rounds) as rounds,
      (select count(*) from match_groups) as groups,
      (select count(*) from match_notifications) as announcements`,
  );
  return Object.entries(row ?? {})
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");
}
