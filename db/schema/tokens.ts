import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/** One login session: every refresh token rotated from the same login shares a family. */
export const refreshTokenFamilies = pgTable(
  "refresh_token_families",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReason: varchar("revoke_reason", { length: 32 }),
  },
  (table) => [
    index("refresh_token_families_user_idx").on(table.userId),
    check("refresh_token_families_reason", sql`(${table.revokedAt} is null) = (${table.revokeReason} is null)`),
  ],
);
export type RefreshTokenFamily = typeof refreshTokenFamilies.$inferSelect;

/** Every refresh JWT ever issued (simplejwt's "outstanding" tokens), by its jti. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    jti: varchar("jti", { length: 32 }).primaryKey(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => refreshTokenFamilies.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    rotatedAt: timestamp("rotated_at", { withTimezone: true }),
    successorJti: varchar("successor_jti", { length: 32 }),
  },
  (table) => [
    index("refresh_tokens_family_idx").on(table.familyId),
    index("refresh_tokens_user_idx").on(table.userId),
    index("refresh_tokens_expires_idx").on(table.expiresAt),
    check("refresh_tokens_jti_hex", sql`${table.jti} ~ '^[0-9a-f]{32}$'`),
    check("refresh_tokens_rotation", sql`(${table.rotatedAt} is null) = (${table.successorJti} is null)`),
    check("refresh_tokens_lifetime", sql`${table.expiresAt} > ${table.issuedAt}`),
  ],
);
export type RefreshToken = typeof refreshTokens.$inferSelect;

/** Generation-1 `Authorization: Token <key>` keys; only a SHA-256 of the key is kept. */
export const legacyKeys = pgTable(
  "legacy_keys",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    keyHash: varchar("key_hash", { length: 64 }).notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("legacy_keys_user_idx").on(table.userId), check("legacy_keys_hash_hex", sql`${table.keyHash} ~ '^[0-9a-f]{64}$'`)],
);
export type LegacyKey = typeof legacyKeys.$inferSelect;

/** Failed-credential counters shared by every app instance (fixed 15-minute windows). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("rate_limits_reset_idx").on(table.resetAt), check("rate_limits_hits_positive", sql`${table.hits} > 0`)],
);
