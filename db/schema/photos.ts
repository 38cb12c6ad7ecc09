import { sql } from "drizzle-orm";
import { check, customType, integer, pgTable, timestamp, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

// drizzle-orm 0.45 has no bytea column; both drivers read it as bytes (postgres.js a Buffer, PGlite a Uint8Array).
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Profile photos kept in the database (the default; a configured S3 bucket takes their place): the
 * processed 256×256 WebP, one per user. users.image names it with the start of `hash`, so a new photo
 * gets a new URL and browsers may cache any one for ever.
 */
export const userPhotos = pgTable(
  "user_photos",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    // SHA-256 of `data`, lowercase hex.
    hash: varchar("hash", { length: 64 }).notNull(),
    data: bytea("data").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("user_photos_hash_hex", sql`${table.hash} ~ '^[0-9a-f]{64}$'`),
    // A 256×256 WebP is tens of kilobytes; a megabyte means something else got here.
    check("user_photos_data_size", sql`octet_length(${table.data}) between 1 and 1048576`),
  ],
);
export type UserPhoto = typeof userPhotos.$inferSelect;
