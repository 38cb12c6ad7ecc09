import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { guardConnections, type ServerAddress } from "./connection-guard";
import { advertisePort, liveLockHolder, takeLock } from "./embedded-lock";
import { serveOverSocket, type SharedDatabase } from "./embedded-share";
import { seedHobbies } from "./seed";

// Both drivers expose the same query builder; the app is written against one type.
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

interface Connection {
  db: Database;
  /** The driver: postgres.js (a PostgreSQL server, or the embedded database served by the process that holds it) or PGlite opened in this process. */
  kind: "postgres" | "pglite";
  /** The process whose embedded database this one reaches over its socket; null otherwise. */
  servedBy: number | null;
  ready: Promise<void> | null;
  share(): Promise<number | null>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

function connectToServer(url: string, options: postgres.Options<Record<string, postgres.PostgresType>>): Pick<Connection, "db" | "close"> {
  const sql = postgres(url, { connect_timeout: 5, onnotice: () => {}, ...options });
  return { db: drizzlePostgres(sql, { schema }), close: () => sql.end({ timeout: 5 }) };
}

/** Where the server of a postgres:// URL listens: a Unix socket when its `host` parameter is a directory. */
function serverAddress(url: string): ServerAddress {
  const parsed = new URL(url);
  const port = Number(parsed.port || 5432);
  const host = parsed.searchParams.get("host") ?? decodeURIComponent(parsed.hostname);
  if (host.startsWith("/")) return { host, port, path: `${host}/.s.PGSQL.${port}` };
  return { host: host || "localhost", port };
}

/** The app's pool on a PostgreSQL server, guarded so that an unreachable server fails queries fast (connection-guard.ts). */
function connectToGuardedServer(url: string): Pick<Connection, "db" | "close"> {
  const guard = guardConnections(serverAddress(url));
  // postgres.js's default pipelining. `max_pipeline: 1` (tried against a CPU cost that grew with the
  // busy list under sustained load) pipelined a transaction's BEGIN behind a running query without
  // reserving the connection: UNSAFE_TRANSACTION, a 500, whenever every connection was busy (found by
  // the fuzzer; tests/db-pool.test.ts). 2 does the same.
  const options = { max: 10, idle_timeout: 60, connect_timeout: 2, socket: guard.socket, backoff: guard.backoff };
  const { db, close } = connectToServer(url, options);
  return {
    db,
    close: async () => {
      guard.stop();
      await close();
    },
  };
}

function openEmbedded(): Connection {
  const releaseLock = takeLock(env.DATA_DIR);
  const client = new PGlite(path.join(env.DATA_DIR, "pglite"));
  let sharing: Promise<SharedDatabase> | null = null;
  return {
    db: drizzlePglite(client, { schema }) as unknown as Database,
    kind: "pglite",
    servedBy: null,
    ready: null,
    async share() {
      sharing ??= serveOverSocket(client).then((shared) => {
        advertisePort(env.DATA_DIR, shared.port);
        return shared;
      });
      return (await sharing).port;
    },
    async close() {
      try {
        await (await sharing?.catch(() => null))?.stop();
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

function connect(): Connection {
  const notShared = { servedBy: null, ready: null, share: async () => null };
  if (env.DATABASE_URL) return { ...connectToGuardedServer(env.DATABASE_URL), kind: "postgres", ...notShared };
  const owner = liveLockHolder(env.DATA_DIR);
  if (owner?.port) {
    // The holder (the app server) serves its PGlite one connection at a time; unnamed statements
    // leave nothing behind in the session it shares with its own queries.
    const url = `postgres://postgres@127.0.0.1:${owner.port}/postgres`;
    return { ...connectToServer(url, { max: 1, prepare: false }), kind: "postgres", ...notShared, servedBy: owner.pid };
  }
  if (owner) {
    throw new Error(
      `The embedded database in ${env.DATA_DIR} is in use by process ${owner.pid}, which does not share it ` +
        "(the app server shares it once it has started: try again in a moment). Or set DATABASE_URL to use a PostgreSQL server.",
    );
  }
  return openEmbedded();
}

// Kept on globalThis so dev reloads, Next's separate bundles and scripts in the same process
// share one connection; PGlite in particular must be opened by a single instance.
const key = Symbol.for("unimatch.db");
// `null` once closed: a query after closeDatabase() is a bug, not a reason to open it again.
const holder = globalThis as unknown as { [key]?: Connection | null };

// Opened on first use, not on import: Next imports server modules in processes that never query
// (build workers; the dev server's worker that inspects dynamic routes), and such a process must
// neither take the embedded database's lock nor fail because another process holds it.
function connection(): Connection {
  if (holder[key] === null) throw new Error("the database connection was closed (closeDatabase)");
  holder[key] ??= connect();
  return holder[key];
}

/** The database: the first query (or transaction) opens the connection. */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const real = connection().db;
    const value: unknown = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** Which driver this process uses: PostgreSQL (a server, or the embedded database through the process that holds it) or PGlite opened here. */
export function databaseKind(): Connection["kind"] {
  return connection().kind;
}

/** The pid of the process (e.g. `npm run dev`) whose embedded database this process reaches over its socket, or null. */
export function embeddedDatabaseServedBy(): number | null {
  return connection().servedBy;
}

/** A prepared statement (or anything else that needs the connection) built on first use and kept. */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => (built ??= { value: build() }).value;
}

/** Migrates and seeds the embedded database once per process when this process opened it; a no-op on a real server (migrating is its own step there) and on the embedded database reached through the process that holds it (that process migrated it). */
export function ensureDatabaseReady(): Promise<void> {
  const current = connection();
  current.ready ??= current.kind === "pglite" ? migrateAndSeed() : Promise.resolve();
  return current.ready;
}

/** Applies the committed migrations and the default hobbies. */
export async function migrateAndSeed(): Promise<void> {
  const { kind, db: real } = connection();
  if (kind === "pglite") await migratePglite(real as never, { migrationsFolder });
  else await migratePostgres(real, { migrationsFolder });
  await seedHobbies(real);
}

/**
 * When this process opened the embedded database, serves it to other local processes (scripts) on a
 * free port of 127.0.0.1 and advertises the port in the lock file; resolves to the port. Resolves to
 * null, doing nothing, on a PostgreSQL server or when this process is itself a client of the holder.
 * Only the app server calls this: a script that holds the database keeps it to itself.
 */
export function shareEmbeddedDatabase(): Promise<number | null> {
  return connection().share();
}

/** Closes this process's connection (stopping the sharing, and releasing the embedded database's lock, when it holds it). */
export async function closeDatabase(): Promise<void> {
  const current = holder[key];
  holder[key] = null;
  await current?.close();
}
