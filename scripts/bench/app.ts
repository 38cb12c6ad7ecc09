// The app as the benchmarks load it: the production build served by `next start` on a fresh database
// of the local PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
// with secrets the bench knows, so it can also mint the tokens and cookies the app accepts.
// SKIP_BUILD=1 reuses the last build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";

export const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const withAppModules = ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs"];

/** Every bench account signs in with this password. */
export const BENCH_PASSWORD = "bench-Passphrase-42";

export interface BenchAccount {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface BenchApp {
  /** The server's origin, e.g. http://127.0.0.1:3312. */
  base: string;
  /** The server's environment: DATABASE_URL, JWT_SECRET, AUTH_SECRET … */
  env: NodeJS.ProcessEnv;
  /** A connection to the app's database, for seeding. */
  sql: postgres.Sql;
  /** CPU seconds the server process has used so far (user + system, all its threads). */
  serverCpuSeconds(): number;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

function runOrExit(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** `next build`, unless SKIP_BUILD=1; exits when the build fails. */
export function buildUnlessSkipped(): void {
  if (process.env.SKIP_BUILD !== "1") runOrExit([nextBin, "build"], process.env);
}

function serverEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString("hex"),
    AUTH_SECRET: randomBytes(32).toString("hex"),
    COOKIE_SECURE: "false",
    LOG_LEVEL: "error",
  };
}

/** Migrates the database and creates the accounts (ids 1, 2, … in order) with `npm run user:create`. */
function prepareDatabase(env: NodeJS.ProcessEnv, accounts: BenchAccount[]): void {
  runOrExit([...withAppModules, "scripts/db-migrate.ts"], env);
  for (const account of accounts) {
    const names = ["--first-name", account.firstName ?? "", "--last-name", account.lastName ?? ""];
    runOrExit([...withAppModules, "scripts/user-create.ts", "--email", account.email, "--password", BENCH_PASSWORD, ...names], env);
  }
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt <= 100; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ready = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(200);
  }
  throw new Error("the server did not start");
}

/** Builds (unless SKIP_BUILD=1), creates a fresh database with `accounts`, and serves the build on it. */
export async function startBenchApp({ accounts }: { accounts: BenchAccount[] }): Promise<BenchApp> {
  buildUnlessSkipped();
  const port = 3100 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const databaseName = `unimatch_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${databaseName}"`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
  const env = serverEnv(databaseUrl, port);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let server: ChildProcess | null = null;

  const stop = async () => {
    server?.kill("SIGTERM");
    await sleep(500);
    await sql.end();
    await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
    await admin.end();
  };
  try {
    prepareDatabase(env, accounts);
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    await waitForHealth(base, server);
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = server.pid;
  const serverCpuSeconds = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { base, env, sql, serverCpuSeconds, stop };
}

/** An access token for `email` from `POST /api/token/`, as an Authorization header. */
export async function bearerHeader(base: string, email: string): Promise<{ authorization: string }> {
  const response = await fetch(`${base}/api/token/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`POST /api/token/ answered ${response.status}`);
  const { access } = (await response.json()) as { access: string };
  return { authorization: `Bearer ${access}` };
}
