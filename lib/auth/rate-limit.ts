import { desc, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { throttled } from "@/lib/errors";

const WINDOW_SECONDS = 15 * 60;

export interface LimitKey {
  key: string;
  limit: number;
}

/** The counters a failed credential check is charged to: the account (10 / 15 min) and the client IP (100 / 15 min). */
export function credentialLimits({ account, ip }: { account?: string | null; ip: string }): LimitKey[] {
  const keys: LimitKey[] = [{ key: `ip:${ip}`, limit: 100 }];
  if (account) keys.unshift({ key: `account:${account.trim().toLowerCase()}`, limit: 10 });
  return keys;
}

/**
 * Counts one credential check against every key BEFORE it runs, in one statement: each counter below
 * its limit goes up by one; if any is already at its limit, the others' reservations are given back
 * and the caller gets the 429. Checking first and counting after the (slow) password hash would let
 * parallel attempts all pass the check.
 * A failed check keeps its reservation (that is the failure count); a successful one calls
 * `releaseAttempt`.
 */
export async function reserveAttempt(keys: LimitKey[], { windowSeconds = WINDOW_SECONDS }: { windowSeconds?: number } = {}): Promise<void> {
  // Sorted: two reservations lock their rows in the same order, so they never wait on each other crosswise.
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  const limitOfRow = sql`case ${rateLimits.key} ${sql.join(
    ordered.map((entry) => sql`when ${entry.key} then ${entry.limit}::integer`),
    sql` `,
  )} end`;
  const windowExpired = sql`${rateLimits.resetAt} <= now()`;
  const newWindowEnd = sql`now() + make_interval(secs => ${windowSeconds})`;
  const counted = await db
    .insert(rateLimits)
    .values(ordered.map((entry) => ({ key: entry.key, hits: 1, resetAt: newWindowEnd })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${windowExpired} then 1 else ${rateLimits.hits} + 1 end`,
        resetAt: sql`case when ${windowExpired} then ${newWindowEnd} else ${rateLimits.resetAt} end`,
      },
      setWhere: sql`${windowExpired} or ${rateLimits.hits} < ${limitOfRow}`,
    })
    .returning({ key: rateLimits.key });
  if (counted.length === ordered.length) return;

  const countedKeys = new Set(counted.map((row) => row.key));
  await giveBack({ clear: [], decrement: [...countedKeys] });
  const fullKeys = ordered.filter((entry) => !countedKeys.has(entry.key)).map((entry) => entry.key);
  const [full] = await db
    .select({ resetAt: rateLimits.resetAt })
    .from(rateLimits)
    .where(inArray(rateLimits.key, fullKeys))
    .orderBy(desc(rateLimits.resetAt))
    .limit(1);
  throw throttled(((full?.resetAt.getTime() ?? Date.now()) - Date.now()) / 1000);
}

/** Deletes the `clear` counters and takes one hit off each `decrement` counter, in one statement. */
async function giveBack({ clear, decrement }: { clear: string[]; decrement: string[] }): Promise<void> {
  const inList = (list: string[]) =>
    list.length > 0
      ? sql.join(
          list.map((key) => sql`${key}`),
          sql`, `,
        )
      : sql`null`;
  // A counter at 1 is deleted and a higher one decremented, on disjoint rows, so a failure still held is never erased.
  await db.execute(sql`
    with cleared as (delete from ${rateLimits} where ${rateLimits.key} in (${inList(clear)})),
      dropped as (delete from ${rateLimits} where ${rateLimits.key} in (${inList(decrement)}) and ${rateLimits.hits} <= 1)
    update ${rateLimits} set hits = ${rateLimits.hits} - 1 where ${rateLimits.key} in (${inList(decrement)}) and ${rateLimits.hits} > 1`);
}

/**
 * Gives back a reservation whose credential check succeeded: the account's count is cleared, the
 * IP's reservation returned. One statement (it runs on every successful login).
 */
export async function releaseAttempt(keys: LimitKey[]): Promise<void> {
  await giveBack({
    clear: keys.filter((entry) => entry.key.startsWith("account:")).map((entry) => entry.key),
    decrement: keys.filter((entry) => !entry.key.startsWith("account:")).map((entry) => entry.key),
  });
}

const SIGN_UP_WINDOW_SECONDS = 60 * 60;

/**
 * Counts a sign-up against the client IP (`limit` per hour, shared by every instance), or refuses it
 * with the 429 once the IP is at its limit. Sign-ups are never given back: each one mailed someone.
 */
export async function reserveSignUp({ ip, limit }: { ip: string; limit: number }): Promise<void> {
  await reserveAttempt([{ key: `signup-ip:${ip}`, limit }], { windowSeconds: SIGN_UP_WINDOW_SECONDS });
}
