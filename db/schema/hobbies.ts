import { sql } from "drizzle-orm";
import { check, pgTable, serial, uniqueIndex, varchar } from "drizzle-orm/pg-core";

export const hobbies = pgTable(
  "hobbies",
  {
    id: serial("id").primaryKey(),
    name: varchar("name", { length: 100 }).notNull(),
  },
  (table) => [
    uniqueIndex("hobbies_name_unique").on(sql`lower(${table.name})`),
    check("hobbies_name_not_blank", sql`btrim(${table.name}) <> ''`),
  ],
);
export type Hobby = typeof hobbies.$inferSelect;
