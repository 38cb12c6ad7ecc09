import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { matchNotifications, type MatchNotification } from "@/db/schema";
import { log } from "@/lib/log";
import { sendTelegramMessage, telegramConfigured, TelegramSendError } from "@/lib/telegram/client";
import { composeAnnouncement } from "./announcement-text";

/** Sends of one announcement before it is given up as failed. */
export const MAX_ATTEMPTS = 5;
/**
 * A claim older than this whose send never reported back is ambiguous: the message may have
 * reached Telegram. Longer than grammY's 500 s request timeout, so a live send is never taken for dead.
 */
export const STALE_CLAIM_MS = 10 * 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 5 * 60_000;

export type DeliveryOutcome =
  | { status: "sent"; messageId: number }
  | { status: "already-sent"; messageId: number | null }
  /** This call gave the announcement up (not retryable, out of attempts, or ambiguous). */
  | { status: "failed"; error: string }
  | { status: "already-failed"; error: string | null }
  /** Another attempt holds a fresh claim; check again at `recheckAt` (ISO). */
  | { status: "in-flight"; recheckAt: string }
  /** Waiting for an earlier failure's backoff; due at `dueAt` (ISO). */
  | { status: "not-due"; dueAt: string }
  | { status: "skipped"; reason: "missing" | "telegram-not-configured" };

/** A retryable send failure: the row is pending again and due at `retryAt`; the caller retries then. */
export class AnnouncementRetryLater extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
    /** True when Telegram itself asked us to wait (429): every send should pause, not just this one. */
    readonly rateLimited: boolean,
  ) {
    super(message);
    this.name = "AnnouncementRetryLater";
  }
}

const table = matchNotifications;
const staleBefore = sql`now() - ${sql.raw(`interval '${STALE_CLAIM_MS} milliseconds'`)}`;
const shorten = (text: string) => text.slice(0, 1000);

/** Ids of a round's announcements still to deliver (pending, or a send claimed long ago and never settled). */
export async function dueAnnouncementIds({ roundId }: { roundId: number }): Promise<number[]> {
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(
      and(eq(table.roundId, roundId), or(eq(table.status, "pending"), and(eq(table.status, "sending"), lt(table.claimedAt, staleBefore)))),
    )
    .orderBy(asc(table.id));
  return rows.map((row) => row.id);
}

function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

async function giveUp(
  row: Pick<MatchNotification, "id" | "roundId" | "userId">,
  attempts: number | null,
  error: string,
): Promise<DeliveryOutcome> {
  const sameClaim = attempts === null ? eq(table.status, "pending") : and(eq(table.status, "sending"), eq(table.attempts, attempts));
  await db
    .update(table)
    .set({ status: "failed", lastError: shorten(error) })
    .where(and(eq(table.id, row.id), sameClaim));
  log.error("match announcement failed", { notificationId: row.id, roundId: row.roundId, userId: row.userId, error });
  return { status: "failed", error };
}

/** Why a row cannot be claimed now; a `sending` row whose claim went stale is failed here, never resent. */
async function settle(row: MatchNotification): Promise<DeliveryOutcome> {
  if (row.status === "sent") return { status: "already-sent", messageId: row.telegramMessageId };
  if (row.status === "failed") return { status: "already-failed", error: row.lastError };
  if (row.status === "pending") return { status: "not-due", dueAt: row.nextAttemptAt.toISOString() };
  const error = `not resent: a send claimed at ${row.claimedAt?.toISOString()} never reported back, so the message may already have been delivered`;
  const [failed] = await db
    .update(table)
    .set({ status: "failed", lastError: error })
    .where(and(eq(table.id, row.id), eq(table.status, "sending"), eq(table.attempts, row.attempts), lt(table.claimedAt, staleBefore)))
    .returning({ id: table.id });
  if (failed) {
    log.error("match announcement failed", { notificationId: row.id, roundId: row.roundId, userId: row.userId, error });
    return { status: "failed", error };
  }
  const [current] = await db.select().from(table).where(eq(table.id, row.id));
  if (!current) return { status: "skipped", reason: "missing" };
  if (current.status !== "sending") return settle(current);
  return { status: "in-flight", recheckAt: new Date((current.claimedAt?.getTime() ?? Date.now()) + STALE_CLAIM_MS).toISOString() };
}

async function markSent(id: number, attempts: number, messageId: number): Promise<void> {
  // The message is out: a stale-claim check that failed the row meanwhile was wrong, so `failed` is overwritten too.
  for (let attempt = 1; ; attempt++) {
    try {
      await db
        .update(table)
        .set({ status: "sent", sentAt: sql`now()`, telegramMessageId: messageId, lastError: null })
        .where(and(eq(table.id, id), eq(table.attempts, attempts), inArray(table.status, ["sending", "failed"])));
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Delivers one round announcement, at most once: claims the row if it is pending and due
 * (pending → sending, attempts + 1), sends it, and records the Telegram message id. A row already
 * sent or failed is left alone; a claim that never reported back is failed, not resent. A retryable
 * failure puts the row back to pending, due after Telegram's retry_after or an exponential backoff,
 * and throws AnnouncementRetryLater; after MAX_ATTEMPTS, or for an answer a retry cannot change, the
 * row is failed (and logged).
 */
export async function deliverAnnouncement({ notificationId }: { notificationId: number }): Promise<DeliveryOutcome> {
  const [row] = await db.select().from(table).where(eq(table.id, notificationId));
  if (!row) return { status: "skipped", reason: "missing" };
  if (row.status !== "pending") return settle(row);
  if (!telegramConfigured()) return { status: "skipped", reason: "telegram-not-configured" };

  // Composed before claiming: a failed read must not leave a claim that looks like a lost send.
  const text = await composeAnnouncement(db, { roundId: row.roundId, userId: row.userId });
  if (text === null) return giveUp(row, null, "the user is in no group of this round");

  const [claim] = await db
    .update(table)
    .set({ status: "sending", attempts: sql`${table.attempts} + 1`, claimedAt: sql`now()` })
    .where(and(eq(table.id, row.id), eq(table.status, "pending"), lte(table.nextAttemptAt, sql`now()`)))
    .returning({ attempts: table.attempts });
  if (!claim) {
    const [current] = await db.select().from(table).where(eq(table.id, row.id));
    return current ? settle(current) : { status: "skipped", reason: "missing" };
  }

  let messageId: number;
  try {
    ({ messageId } = await sendTelegramMessage({ chatId: row.chatId, text }));
  } catch (error) {
    if (!(error instanceof TelegramSendError)) {
      return giveUp(row, claim.attempts, `not resent after an unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!error.retryable) return giveUp(row, claim.attempts, `Telegram refused: ${error.message}`);
    if (claim.attempts >= MAX_ATTEMPTS) return giveUp(row, claim.attempts, `gave up after ${claim.attempts} attempts: ${error.message}`);
    const delayMs = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : backoffMs(claim.attempts);
    const [requeued] = await db
      .update(table)
      .set({
        status: "pending",
        nextAttemptAt: sql`now() + ${sql.raw(`interval '${Math.ceil(delayMs)} milliseconds'`)}`,
        lastError: shorten(error.message),
      })
      .where(and(eq(table.id, row.id), eq(table.status, "sending"), eq(table.attempts, claim.attempts)))
      .returning({ nextAttemptAt: table.nextAttemptAt });
    const retryAt = requeued?.nextAttemptAt ?? new Date(Date.now() + delayMs);
    log.warn("match announcement will be retried", {
      notificationId: row.id,
      attempts: claim.attempts,
      retryAt: retryAt.toISOString(),
      error: error.message,
    });
    throw new AnnouncementRetryLater(`Telegram: ${error.message}`, retryAt, error.retryAfterSeconds !== null);
  }
  await markSent(row.id, claim.attempts, messageId);
  return { status: "sent", messageId };
}
