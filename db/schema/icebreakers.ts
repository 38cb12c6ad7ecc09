import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { hobbies } from "./hobbies";

/** Conversation starters shown with a match: per hobby, or generic (no hobby) for a group that shares none. */
export const icebreakers = pgTable(
  "icebreakers",
  {
    id: serial("id").primaryKey(),
    hobbyId: integer("hobby_id").references(() => hobbies.id, { onDelete: "cascade" }),
    question: varchar("question", { length: 300 }).notNull(),
  },
  (table) => [
    uniqueIndex("icebreakers_hobby_question_unique").on(sql`coalesce(${table.hobbyId}, 0)`, table.question),
    index("icebreakers_hobby_idx").on(table.hobbyId),
    check("icebreakers_question_not_blank", sql`btrim(${table.question}) <> ''`),
  ],
);
export type Icebreaker = typeof icebreakers.$inferSelect;
