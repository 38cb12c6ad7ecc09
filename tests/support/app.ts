import "./env";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after } from "node:test";
import next from "next";
import { closeDatabase, migrateAndSeed, ensureDatabaseReady, databaseKind } from "@/db/client";
import { createTestDatabase, dropTestDatabase } from "./env";

export interface RunningApp {
  baseUrl: string;
}

let running: Promise<RunningApp> | null = null;
const cleanups: Array<() => Promise<unknown>> = [];
let stopped: Promise<void> | null = null;

function stop(): Promise<void> {
  stopped ??= (async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await closeDatabase();
  })();
  return stopped;
}

// Registered at the top level so it runs once, after every test of the file.
after(async () => {
  await stop();
  await dropTestDatabase();
});

async function start(): Promise<RunningApp> {
  const expectedKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
  if (databaseKind() !== expectedKind) throw new Error(`tests expected the ${expectedKind} database but the app opened ${databaseKind()}`);
  // The real Postgres database is created and migrated as a deploy step would; PGlite migrates itself on start.
  await createTestDatabase();
  if (databaseKind() === "postgres") await migrateAndSeed();
  const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "../..") });
  await app.prepare();
  await ensureDatabaseReady();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close?.();
  });
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The production build of the app, served on a free port of 127.0.0.1 in this process, on this file's database. */
export function startApp(): Promise<RunningApp> {
  running ??= start();
  return running;
}

/**
 * Stops the app and closes this process's database connection, so that a child process (a script)
 * can open the same database, the embedded one included. The database is dropped when the file ends.
 */
export function stopApp(): Promise<void> {
  return stop();
}
