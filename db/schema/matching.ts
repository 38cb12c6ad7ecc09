import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, primaryKey, serial, text, timestamp, unique, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/** One weekly round; the slot (the scheduled instant) is unique so a round runs once. */
export const matchRounds = pgTable("match_rounds", {
  id: serial("id").primaryKey(),
  slot: timestamp("slot", { withTimezone: true }).notNull().unique(),
  seed: integer("seed").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type MatchRound = typeof matchRounds.$inferSelect;

export const matchGroups = pgTable(
  "match_groups",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => matchRounds.id, { onDelete: "cascade" }),
  },
  (table) => [index("match_groups_round_idx").on(table.roundId), unique("match_groups_id_round").on(table.id, table.roundId)],
);
export type MatchGroup = typeof matchGroups.$inferSelect;

/** Membership; (round_id, user_id) unique keeps a user in at most one group per round. */
export const matchGroupMembers = pgTable(
  "match_group_members",
  {
    groupId: integer("group_id").notNull(),
    roundId: integer("round_id").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.userId] }),
    unique("match_group_members_round_user").on(table.roundId, table.userId),
    index("match_group_members_user_idx").on(table.userId),
    foreignKey({ columns: [table.groupId, table.roundId], foreignColumns: [matchGroups.id, matchGroups.roundId] }).onDelete("cascade"),
  ],
);
export type MatchGroupMember = typeof matchGroupMembers.$inferSelect;

/** Every two people who met: a pair group gives one row, a trio three. This is the history. */
export const matchPairs = pgTable(
  "match_pairs",
  {
    id: serial("id").primaryKey(),
    groupId: integer("group_id").notNull(),
    userLowId: integer("user_low_id").notNull(),
    userHighId: integer("user_high_id").notNull(),
    // The hobbies the two shared when they were matched (ids, ascending). An array, not a table of
    // its own: at 100 000 students that table took 143 000 rows and 1.8 s of a round's write.
    commonHobbyIds: integer("common_hobby_ids")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
  },
  (table) => [
    unique("match_pairs_group_users").on(table.groupId, table.userLowId, table.userHighId),
    index("match_pairs_low_idx").on(table.userLowId),
    index("match_pairs_high_idx").on(table.userHighId),
    check("match_pairs_ordered", sql`${table.userLowId} < ${table.userHighId}`),
    foreignKey({
      columns: [table.groupId, table.userLowId],
      foreignColumns: [matchGroupMembers.groupId, matchGroupMembers.userId],
    }).onDelete("cascade"),
    foreignKey({
      columns: [table.groupId, table.userHighId],
      foreignColumns: [matchGroupMembers.groupId, matchGroupMembers.userId],
    }).onDelete("cascade"),
  ],
);
export type MatchPair = typeof matchPairs.$inferSelect;

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
