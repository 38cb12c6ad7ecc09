import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, timestamp, unique, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/** OAuth client applications (drf-social-oauth2 style); the secret is shown once and kept hashed. */
export const oauthApplications = pgTable("oauth_applications", {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 255 }).notNull(),
  clientId: varchar("client_id", { length: 100 }).notNull().unique(),
  clientSecretHash: varchar("client_secret_hash", { length: 64 }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type OAuthApplication = typeof oauthApplications.$inferSelect;

/** Opaque access/refresh token pairs issued to an application for a user; only hashes are kept. */
export const oauthTokens = pgTable(
  "oauth_tokens",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => oauthApplications.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessHash: varchar("access_hash", { length: 64 }).notNull().unique(),
    refreshHash: varchar("refresh_hash", { length: 64 }).notNull().unique(),
    accessExpiresAt: timestamp("access_expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("oauth_tokens_user_idx").on(table.userId), index("oauth_tokens_application_idx").on(table.applicationId)],
);
export type OAuthToken = typeof oauthTokens.$inferSelect;

/** A user's account at a sign-in provider (google-oauth2, yandex-oauth2, vk-oauth2). */
export const socialIdentities = pgTable(
  "social_identities",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: varchar("provider", { length: 32 }).notNull(),
    uid: varchar("uid", { length: 255 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("social_identities_provider_uid").on(table.provider, table.uid),
    index("social_identities_user_idx").on(table.userId),
    check("social_identities_provider", sql`${table.provider} in ('google-oauth2', 'yandex-oauth2', 'vk-oauth2')`),
  ],
);
export type SocialIdentity = typeof socialIdentities.$inferSelect;
