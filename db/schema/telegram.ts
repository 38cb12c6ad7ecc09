import { index, integer, pgTable, timestamp, varchar } from "drizzle-orm/pg-core";
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
