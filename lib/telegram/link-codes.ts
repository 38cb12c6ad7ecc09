import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { telegramLinkCodes } from "@/db/schema";

export const LINK_CODE_TTL_SECONDS = 15 * 60;

// 16 random bytes in base64url: 22 characters, inside the 64 [A-Za-z0-9_-] Telegram allows in a ?start= payload.
const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

export interface LinkCode {
  code: string;
  expiresAt: Date;
}

/** A fresh single-use code for `userId`, valid 15 minutes; only its SHA-256 is stored. */
export async function createLinkCode({ userId }: { userId: number }): Promise<LinkCode> {
  const code = randomBytes(16).toString("base64url");
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_SECONDS * 1000);
  await db.transaction(async (tx) => {
    // The user's dead codes are of no further use; dropping them keeps the table small.
    await tx.delete(telegramLinkCodes).where(and(eq(telegramLinkCodes.userId, userId), lt(telegramLinkCodes.expiresAt, sql`now()`)));
    await tx.insert(telegramLinkCodes).values({ codeHash: hashCode(code), userId, expiresAt });
  });
  return { code, expiresAt };
}

export type ConsumedCode = { ok: true; userId: number } | { ok: false; reason: "unknown" | "used" | "expired" };

/**
 * Marks the code used and returns its user, atomically: of two concurrent uses exactly one succeeds.
 * Otherwise says why the code is not usable. Run it in the transaction that links the chat, so a link
 * that fails leaves the code unused.
 */
export async function consumeLinkCode({ code, executor = db }: { code: string; executor?: Executor }): Promise<ConsumedCode> {
  if (!CODE_PATTERN.test(code)) return { ok: false, reason: "unknown" };
  const codeHash = hashCode(code);
  const [claimed] = await executor
    .update(telegramLinkCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(telegramLinkCodes.codeHash, codeHash), isNull(telegramLinkCodes.usedAt), gt(telegramLinkCodes.expiresAt, sql`now()`)))
    .returning({ userId: telegramLinkCodes.userId });
  if (claimed) return { ok: true, userId: claimed.userId };
  const [row] = await executor
    .select({ usedAt: telegramLinkCodes.usedAt })
    .from(telegramLinkCodes)
    .where(eq(telegramLinkCodes.codeHash, codeHash))
    .limit(1);
  if (!row) return { ok: false, reason: "unknown" };
  return { ok: false, reason: row.usedAt ? "used" : "expired" };
}
