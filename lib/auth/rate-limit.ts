import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
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

/** Gives back a reservation whose credential check succeeded: the account's count is cleared, the IP's is not charged. */
export async function releaseAttempt(keys: LimitKey[]): Promise<void> {
  await clearFailures(keys);
  const otherKeys = keys.filter((entry) => !entry.key.startsWith("account:")).map((entry) => entry.key);
  if (otherKeys.length === 0) return;
  // Delete before decrementing: the other order would also delete a counter just brought down to 1,
  // erasing the failure it still holds (alternating failures with successes would never be counted).
  await db.delete(rateLimits).where(and(inArray(rateLimits.key, otherKeys), lte(rateLimits.hits, 1)));
  await db
    .update(rateLimits)
    .set({ hits: sql`${rateLimits.hits} - 1` })
    .where(and(inArray(rateLimits.key, otherKeys), gt(rateLimits.hits, 1)));
}

/** Forgets an account's failures after it logged in successfully. */
export async function clearFailures(keys: LimitKey[]): Promise<void> {
  const accountKeys = keys.filter((entry) => entry.key.startsWith("account:")).map((entry) => entry.key);
  if (accountKeys.length > 0) await db.delete(rateLimits).where(inArray(rateLimits.key, accountKeys));
}
