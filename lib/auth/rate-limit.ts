import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { throttled } from "@/lib/http/errors";

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
 * Counts one credential check against every key BEFORE it runs, atomically: a counter already at its
 * limit is not incremented and the whole reservation is undone with the 429. Checking first and
 * counting after the (slow) password hash would let parallel attempts all pass the check.
 * A failed check keeps its reservation (that is the failure count); a successful one calls
 * `releaseAttempt`.
 */
export async function reserveAttempt(keys: LimitKey[]): Promise<void> {
  // A fixed lock order (by key) so two reservations never wait on each other crosswise.
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  await db.transaction(async (tx) => {
    for (const entry of ordered) {
      const windowExpired = sql`${rateLimits.resetAt} <= now()`;
      const [row] = await tx
        .insert(rateLimits)
        .values({ key: entry.key, hits: 1, resetAt: sql`now() + make_interval(secs => ${WINDOW_SECONDS})` })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            hits: sql`case when ${windowExpired} then 1 else ${rateLimits.hits} + 1 end`,
            resetAt: sql`case when ${windowExpired} then now() + make_interval(secs => ${WINDOW_SECONDS}) else ${rateLimits.resetAt} end`,
          },
          setWhere: sql`${windowExpired} or ${rateLimits.hits} < ${entry.limit}`,
        })
        .returning({ hits: rateLimits.hits });
      if (row) continue;
      const [full] = await tx.select({ resetAt: rateLimits.resetAt }).from(rateLimits).where(eq(rateLimits.key, entry.key));
      throw throttled(((full?.resetAt.getTime() ?? Date.now()) - Date.now()) / 1000);
    }
  });
}

/**
 * Gives back a reservation whose credential check succeeded: the account's count is cleared, the
 * IP's reservation returned. One statement (it runs on every successful login). A counter at 1 is
 * deleted and a higher one decremented, on disjoint rows, so a failure still held is never erased.
 */
export async function releaseAttempt(keys: LimitKey[]): Promise<void> {
  const accountKeys = keys.filter((entry) => entry.key.startsWith("account:")).map((entry) => entry.key);
  const otherKeys = keys.filter((entry) => !entry.key.startsWith("account:")).map((entry) => entry.key);
  const inList = (list: string[]) => (list.length > 0 ? sql.join(list.map((key) => sql`${key}`), sql`, `) : sql`null`);
  await db.execute(sql`
    with cleared as (delete from ${rateLimits} where ${rateLimits.key} in (${inList(accountKeys)})),
      dropped as (delete from ${rateLimits} where ${rateLimits.key} in (${inList(otherKeys)}) and ${rateLimits.hits} <= 1)
    update ${rateLimits} set hits = ${rateLimits.hits} - 1 where ${rateLimits.key} in (${inList(otherKeys)}) and ${rateLimits.hits} > 1`);
}
