import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { legacyKeys } from "@/db/schema";
import { digest, randomHex } from "./tokens-at-rest";

const KEY_PATTERN = /^[0-9a-f]{40}$/;

/** Mints a new generation-1 key for the user (one per login; several devices may each hold one). */
export async function mintLegacyKey({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<string> {
  const key = randomHex(20);
  await executor.insert(legacyKeys).values({ userId, keyHash: digest(key) });
  return key;
}

/** The user id a key belongs to, or null; the lookup is by hash so the key is never stored. */
export async function userIdForLegacyKey(key: string): Promise<number | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const [row] = await db
    .select({ userId: legacyKeys.userId })
    .from(legacyKeys)
    .where(eq(legacyKeys.keyHash, digest(key)))
    .limit(1);
  return row?.userId ?? null;
}

/** Deletes one key (logout on that device); true when it existed. */
export async function deleteLegacyKey(key: string): Promise<boolean> {
  if (!KEY_PATTERN.test(key)) return false;
  const deleted = await db
    .delete(legacyKeys)
    .where(eq(legacyKeys.keyHash, digest(key)))
    .returning({ id: legacyKeys.id });
  return deleted.length > 0;
}

/** Deletes every key of a user ("log out everywhere", password reset). */
export async function deleteAllLegacyKeys({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<void> {
  await executor.delete(legacyKeys).where(eq(legacyKeys.userId, userId));
}
