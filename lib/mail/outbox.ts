import type { Executor } from "@/db/client";
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
