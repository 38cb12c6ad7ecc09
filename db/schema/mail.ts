import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, varchar } from "drizzle-orm/pg-core";

/**
 * Outgoing mail, written in the same transaction as the change that causes it and delivered after
 * commit: pending → sending (claimed) → sent | failed. Bodies carry one-time links, so they are
 * cleared once the mail is sent.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serial("id").primaryKey(),
    kind: varchar("kind", { length: 32 }).notNull(),
    toAddress: varchar("to_address", { length: 254 }).notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    status: varchar("status", { length: 16 }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("mail_outbox_due_idx").on(table.status, table.nextAttemptAt),
    index("mail_outbox_recipient_idx").on(table.toAddress, table.createdAt),
    check("mail_outbox_status", sql`${table.status} in ('pending', 'sending', 'sent', 'failed')`),
    check("mail_outbox_sent", sql`(${table.status} = 'sent') = (${table.sentAt} is not null)`),
  ],
);
export type MailOutboxRow = typeof mailOutbox.$inferSelect;
