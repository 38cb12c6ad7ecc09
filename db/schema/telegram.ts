import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, unique, varchar } from "drizzle-orm/pg-core";
import { matchRounds } from "./matching";
import { users } from "./users";

/** One-time codes behind `t.me/<bot>?start=<code>` links; only a SHA-256 of the code is kept. */
export const telegramLinkCodes = pgTable(
  "telegram_link_codes",
  {
    codeHash: varchar("code_hash", { length: 64 }).primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("telegram_link_codes_user_idx").on(table.userId), index("telegram_link_codes_expires_idx").on(table.expiresAt)],
);
export type TelegramLinkCode = typeof telegramLinkCodes.$inferSelect;

/**
 * The announcement of a round to one participant, written with the round in its transaction and
 * delivered after commit. Unique per (round, user): a participant hears about a round once.
 * pending → sending (claimed by one delivery attempt) → sent | failed (gave up after retries).
 */
export const matchNotifications = pgTable(
  "match_notifications",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => matchRounds.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chatId: varchar("chat_id", { length: 32 }).notNull(),
    status: varchar("status", { length: 16 }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    telegramMessageId: integer("telegram_message_id"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("match_notifications_round_user").on(table.roundId, table.userId),
    index("match_notifications_user_idx").on(table.userId),
    index("match_notifications_due_idx").on(table.status, table.nextAttemptAt),
    check("match_notifications_status", sql`${table.status} in ('pending', 'sending', 'sent', 'failed')`),
    check("match_notifications_sent", sql`(${table.status} = 'sent') = (${table.sentAt} is not null)`),
  ],
);
export type MatchNotification = typeof matchNotifications.$inferSelect;
