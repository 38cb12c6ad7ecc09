import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { hobbies } from "./hobbies";

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    // null for accounts created through Telegram login
    email: varchar("email", { length: 254 }),
    // null when the account has no password (Telegram or OAuth only)
    passwordHash: text("password_hash"),
    firstName: varchar("first_name", { length: 150 }).notNull().default(""),
    lastName: varchar("last_name", { length: 150 }).notNull().default(""),
    birth: date("birth", { mode: "string" }),
    declaredAge: integer("declared_age"),
    tgLink: varchar("tg_link", { length: 255 }),
    chatId: varchar("chat_id", { length: 32 }),
    image: varchar("image", { length: 500 }),
    isActive: boolean("is_active").notNull().default(true),
    isStaff: boolean("is_staff").notNull().default(false),
    isActivePair: boolean("is_active_pair").notNull().default(true),
    lastLogin: timestamp("last_login", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("users_email_lower_unique").on(sql`lower(${table.email})`),
    uniqueIndex("users_chat_id_unique").on(table.chatId),
    index("users_matching_idx").on(table.isActive, table.isActivePair),
    check("users_declared_age_range", sql`${table.declaredAge} is null or ${table.declaredAge} between 0 and 150`),
    check("users_chat_id_numeric", sql`${table.chatId} is null or ${table.chatId} ~ '^-?[0-9]{1,20}$'`),
    check("users_email_has_at", sql`${table.email} is null or position('@' in ${table.email}) > 1`),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const userHobbies = pgTable(
  "user_hobbies",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hobbyId: integer("hobby_id")
      .notNull()
      .references(() => hobbies.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.hobbyId] }), index("user_hobbies_hobby_idx").on(table.hobbyId)],
);
export type UserHobby = typeof userHobbies.$inferSelect;
