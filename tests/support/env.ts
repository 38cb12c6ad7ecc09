// Imported first (through ./app) by every HTTP test file: gives the file its own database and the
// configuration the app reads, before any app module is evaluated. Everything here is synchronous
// on purpose: a top-level await would let sibling imports (the app's modules) evaluate first.
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
  // The tests stand in for clients behind one proxy: X-Forwarded-For picks the client address.
  TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS ?? "1",
  // Test files sign up hundreds of users from 127.0.0.1; tests/signup-limit.test.ts sets its own limit.
  SIGNUP_LIMIT_PER_IP: process.env.SIGNUP_LIMIT_PER_IP ?? "0",
});
delete process.env.DATABASE_URL;

if (process.env.TEST_DATABASE_URL) {
  databaseName = `unimatch_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
}

export const testDatabase = { dataDir, databaseName };

/** Creates the per-file Postgres database named above; call before the first query. */
export async function createTestDatabase(): Promise<void> {
  if (!databaseName || !process.env.TEST_DATABASE_URL) return;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${databaseName}"`);
  await admin.end();
}

/** Drops the per-file Postgres database (the PGlite folder lives in the OS temp dir). */
export async function dropTestDatabase(): Promise<void> {
  if (!databaseName || !process.env.TEST_DATABASE_URL) return;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
}
