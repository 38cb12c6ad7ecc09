import { desc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import type { MailContent } from "./templates";

/**
 * Writes a mail to the outbox in the caller's transaction: it exists exactly when the change that
 * caused it committed. Deliver it after commit with `queueMailDelivery([id])`.
 */
export async function enqueueMail(executor: Executor, mail: MailContent): Promise<number> {
  const [row] = await executor
    .insert(mailOutbox)
    .values({ kind: mail.kind, toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html })
    .returning({ id: mailOutbox.id });
  return row!.id;
}

/** An outbox mail as people read it (development tools, logs without SMTP). */
export interface OutboxMail {
  id: number;
  kind: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
  /** The plain-text body with its one-time link; "" once the mail is sent or given up. */
  text: string;
}

const outboxMail = {
  id: mailOutbox.id,
  kind: mailOutbox.kind,
  to: mailOutbox.toAddress,
  subject: mailOutbox.subject,
  status: mailOutbox.status,
  attempts: mailOutbox.attempts,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
  lastError: mailOutbox.lastError,
  text: mailOutbox.textBody,
};

/** One outbox mail, or null when there is none with this id. */
export async function findOutboxMail({ mailId }: { mailId: number }): Promise<OutboxMail | null> {
  const [mail] = await db.select(outboxMail).from(mailOutbox).where(eq(mailOutbox.id, mailId));
  return mail ?? null;
}

/** The latest `limit` outbox mails, newest first: all of them, or those to `to` (compared case-insensitively). */
export async function listRecentMail({ limit = 10, to }: { limit?: number; to?: string } = {}): Promise<OutboxMail[]> {
  return db
    .select(outboxMail)
    .from(mailOutbox)
    .where(to === undefined ? undefined : sql`lower(${mailOutbox.toAddress}) = lower(${to})`)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit);
}

function stateOf(mail: OutboxMail): string {
  const attempts = `${mail.attempts} attempt${mail.attempts === 1 ? "" : "s"}`;
  if (mail.status === "sent" && mail.sentAt) return `sent ${mail.sentAt.toISOString()}`;
  if (mail.status === "pending" && mail.attempts > 0) return `pending after ${attempts} that failed`;
  if (mail.status === "failed") return `failed after ${attempts}`;
  return mail.status;
}

/**
 * A mail as lines for a terminal: a header (id, kind, state, created time), To, Subject, the last
 * error if any, then the whole text body, links included. For development tools only: the body is a secret.
 */
export function mailAsText(mail: OutboxMail): string {
  const lines = [
    `── mail #${mail.id} · ${mail.kind} · ${stateOf(mail)} · created ${mail.createdAt.toISOString()} ──`,
    `To:      ${mail.to}`,
    `Subject: ${mail.subject}`,
  ];
  if (mail.lastError) lines.push(`Error:   ${mail.lastError}`);
  lines.push("");
  if (mail.text !== "") lines.push(mail.text.trimEnd());
  else
    lines.push(mail.status === "sent" ? "(body cleared once sent: it held a one-time link)" : "(body cleared when delivery was given up)");
  return lines.join("\n");
}
