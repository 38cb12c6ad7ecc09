import { and, eq, lt, lte, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { findOutboxMail, mailAsText, type OutboxMail } from "./outbox";
import { mailTransport, type MailTransport } from "./transport";

/** Attempts before a mail is given up (`failed`). */
export const MAX_ATTEMPTS = 8;
/** Backoff after the n-th failed attempt: 2 s, 4 s, 8 s … capped at 30 min. */
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 30 * 60_000;
/**
 * A claim older than this means the process died mid-send: the mail may or may not have left, so it is
 * marked failed rather than sent again (a one-time link mailed twice is worse than one lost; the user
 * can ask for a new one).
 */
export const STALE_CLAIM_MS = 10 * 60_000;

export type DeliveryOutcome =
  | { status: "sent" }
  | { status: "retry"; nextAttemptAt: Date }
  | { status: "failed" }
  | { status: "no_transport" }
  | { status: "not_due"; nextAttemptAt: Date }
  | { status: "skipped" };

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/** Marks mails whose claim went stale as failed (never resent); returns how many. */
export async function failStaleClaims(): Promise<number> {
  const stale = await db
    .update(mailOutbox)
    .set({ status: "failed", textBody: "", htmlBody: "", lastError: "delivery interrupted; not resent to avoid a duplicate" })
    .where(and(eq(mailOutbox.status, "sending"), lt(mailOutbox.claimedAt, new Date(Date.now() - STALE_CLAIM_MS))))
    .returning({ id: mailOutbox.id });
  return stale.length;
}

/**
 * A mail that cannot be sent for lack of SMTP_URL: logged by recipient and subject. Outside production
 * the whole mail follows, so a developer can open its link; never in production, where the link is a
 * secret the logs must not hold.
 */
function logKeptMail(mail: OutboxMail): void {
  log.info("mail kept in the outbox: SMTP_URL is not set", { mailId: mail.id, to: mail.to, subject: mail.subject });
  if (env.NODE_ENV === "production" || !log.enabled("info")) return;
  console.log(
    `${mailAsText(mail)}\n── not sent: SMTP_URL is not set; shown in full outside production (npm run mail:outbox lists the outbox) ──`,
  );
}

/**
 * Delivers one outbox mail at most once: claims it atomically (pending and due → sending), sends it,
 * then marks it sent and clears its bodies (they hold one-time links). A failed send goes back to
 * pending with exponential backoff, and to failed after MAX_ATTEMPTS. Without SMTP_URL the mail is
 * logged (see logKeptMail) and stays pending, untouched, for a later start with SMTP_URL to send.
 */
export async function deliverMail({
  mailId,
  transport = mailTransport(),
}: {
  mailId: number;
  transport?: MailTransport | null;
}): Promise<DeliveryOutcome> {
  if (!transport) {
    const mail = await findOutboxMail({ mailId });
    if (mail?.status !== "pending") return { status: "skipped" };
    logKeptMail(mail);
    return { status: "no_transport" };
  }
  const [claimed] = await db
    .update(mailOutbox)
    .set({ status: "sending", claimedAt: new Date(), attempts: sql`${mailOutbox.attempts} + 1` })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .returning();
  if (!claimed) {
    await failStaleClaims();
    const [row] = await db
      .select({ status: mailOutbox.status, nextAttemptAt: mailOutbox.nextAttemptAt })
      .from(mailOutbox)
      .where(eq(mailOutbox.id, mailId));
    return row?.status === "pending" ? { status: "not_due", nextAttemptAt: row.nextAttemptAt } : { status: "skipped" };
  }
  try {
    await transport.send({ to: claimed.toAddress, subject: claimed.subject, text: claimed.textBody, html: claimed.htmlBody });
  } catch (error) {
    const lastError = describe(error);
    if (claimed.attempts >= MAX_ATTEMPTS) {
      await db
        .update(mailOutbox)
        .set({ status: "failed", textBody: "", htmlBody: "", lastError })
        .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "sending")));
      log.error("mail delivery failed for good", { mailId, attempts: claimed.attempts, error: lastError });
      return { status: "failed" };
    }
    const nextAttemptAt = new Date(Date.now() + backoffMs(claimed.attempts));
    await db
      .update(mailOutbox)
      .set({ status: "pending", claimedAt: null, nextAttemptAt, lastError })
      .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "sending")));
    log.warn("mail delivery failed, will retry", { mailId, attempts: claimed.attempts, error: lastError });
    return { status: "retry", nextAttemptAt };
  }
  await db
    .update(mailOutbox)
    .set({ status: "sent", sentAt: new Date(), textBody: "", htmlBody: "", lastError: null })
    .where(and(eq(mailOutbox.id, mailId), eq(mailOutbox.status, "sending")));
  log.info("mail sent", { mailId, to: claimed.toAddress, subject: claimed.subject });
  return { status: "sent" };
}

/**
 * Ids of pending mails due for at least `overdueMs`, for the periodic sweeps (in-process and Inngest)
 * that pick up mail a restart or an outage left behind; fresh mail is already being delivered by
 * whoever wrote it. None without SMTP_URL: such mail stays pending and due until a start with
 * SMTP_URL sweeps it, so sweeping it now would only hand it to deliverMail, and log it, every sweep.
 */
export async function dueMailIds({ limit = 100, overdueMs = 0 }: { limit?: number; overdueMs?: number } = {}): Promise<number[]> {
  if (!mailTransport()) return [];
  const rows = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, new Date(Date.now() - overdueMs))))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(limit);
  return rows.map((row) => row.id);
}
