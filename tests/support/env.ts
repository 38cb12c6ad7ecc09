// Imported first by every HTTP test file: gives the file its own fresh database and the
// configuration the app reads, before any app module is evaluated.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export const SPA_ORIGIN = "http://spa.example.test";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "unimatch-test-"));
let databaseName: string | null = null;

Object.assign(process.env, {
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  JWT_SECRET: randomBytes(32).toString("hex"),
  AUTH_SECRET: randomBytes(32).toString("hex"),
  COOKIE_SECURE: "false",
  APP_URL: "http://localhost:3000",
  CORS_ORIGINS: SPA_ORIGIN,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "error",
  REFRESH_REUSE_GRACE: process.env.REFRESH_REUSE_GRACE ?? "30s",
});
delete process.env.DATABASE_URL;

if (process.env.TEST_DATABASE_URL) {
  databaseName = `unimatch_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  // Set before the first await: while this module awaits, ES module evaluation goes on with the
  // importer's other imports (db/client among them), which must already see the URL. The
  // connection is lazy, so the database only has to exist once a test runs.
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${databaseName}"`);
  await admin.end();
}

export const testDatabase = { dataDir, databaseName };

/** Drops the per-file Postgres database (the PGlite folder lives in the OS temp dir). */
export async function dropTestDatabase(): Promise<void> {
  if (!databaseName || !process.env.TEST_DATABASE_URL) return;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
}
