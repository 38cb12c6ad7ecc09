import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { liveLockHolder, takeLock } from "./embedded-lock";
import { seedHobbies } from "./seed";

// Both drivers expose the same query builder; the app is written against one type.
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

interface Connection {
  db: Database;
  kind: "postgres" | "pglite";
  ready: Promise<void> | null;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

function connect(): Connection {
  if (env.DATABASE_URL) {
    // One query per connection at a time (max_pipeline, read by postgres.js but missing from its
    // types). With pipelining, postgres.js 3.4 appends a connection to its `busy` list on every query
    // while all connections stay busy and searches that list linearly, so under sustained load each
    // query costs more than the last (measured: 30 µs → 80 µs of CPU after 200 000 queries).
    const options = { max: 10, max_pipeline: 1, connect_timeout: 5, idle_timeout: 60, onnotice: () => {} };
    const sql = postgres(env.DATABASE_URL, options);
    return { db: drizzlePostgres(sql, { schema }), kind: "postgres", ready: null, close: () => sql.end({ timeout: 5 }) };
  }
  const owner = liveLockHolder(env.DATA_DIR);
  if (owner) {
    throw new Error(
      `The embedded database in ${env.DATA_DIR} is in use by process ${owner.pid} (is \`npm run dev\` running?). ` +
        "Stop it first, or set DATABASE_URL to use a PostgreSQL server.",
    );
  }
  const releaseLock = takeLock(env.DATA_DIR);
  const client = new PGlite(path.join(env.DATA_DIR, "pglite"));
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: "pglite",
    ready: null,
    close: () => client.close().finally(releaseLock),
  };
}

// Kept on globalThis so dev reloads, Next's separate bundles and scripts in the same process
// share one connection; PGlite in particular must be opened by a single instance.
const key = Symbol.for("unimatch.db");
const holder = globalThis as unknown as { [key]?: Connection };
const connection: Connection = (holder[key] ??= connect());

export const db: Database = connection.db;
export const databaseKind = connection.kind;

/** Migrates and seeds the embedded database once per process; a no-op on a real server (migrating is its own step there). */
export function ensureDatabaseReady(): Promise<void> {
  connection.ready ??= connection.kind === "pglite" ? migrateAndSeed() : Promise.resolve();
  return connection.ready;
}

/** Applies the committed migrations and the default hobbies. */
export async function migrateAndSeed(): Promise<void> {
  if (connection.kind === "pglite") await migratePglite(connection.db as never, { migrationsFolder });
  else await migratePostgres(connection.db, { migrationsFolder });
  await seedHobbies(connection.db);
}

export function closeDatabase(): Promise<void> {
  delete holder[key];
  return connection.close();
}
