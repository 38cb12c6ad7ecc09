import { and, gt, inArray, sql } from "drizzle-orm";
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

/** Throws the 429 AppError when any counter is at its limit; call before hashing anything. */
export async function assertNotThrottled(keys: LimitKey[]): Promise<void> {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, keys.map((entry) => entry.key)), gt(rateLimits.resetAt, sql`now()`)));
  let retryAfterMs = 0;
  for (const row of rows) {
    const limit = keys.find((entry) => entry.key === row.key)?.limit ?? Infinity;
    if (row.hits >= limit) retryAfterMs = Math.max(retryAfterMs, row.resetAt.getTime() - Date.now());
  }
  if (retryAfterMs > 0) throw throttled(retryAfterMs / 1000);
}

/** Counts one failed attempt against every key, starting a new window where the old one ended. */
export async function recordFailure(keys: LimitKey[]): Promise<void> {
  const resetAt = sql`now() + make_interval(secs => ${WINDOW_SECONDS})`;
  await db
    .insert(rateLimits)
    .values(keys.map((entry) => ({ key: entry.key, hits: 1, resetAt: new Date(Date.now() + WINDOW_SECONDS * 1000) })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.resetAt} <= now() then 1 else ${rateLimits.hits} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= now() then ${resetAt} else ${rateLimits.resetAt} end`,
      },
    });
}

/** Forgets an account's failures after it logged in successfully. */
export async function clearFailures(keys: LimitKey[]): Promise<void> {
  const accountKeys = keys.filter((entry) => entry.key.startsWith("account:")).map((entry) => entry.key);
  if (accountKeys.length > 0) await db.delete(rateLimits).where(inArray(rateLimits.key, accountKeys));
}
