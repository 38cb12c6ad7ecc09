// `npm run bench:api`: a benchmark, not a test. Starts the production build on a fresh database of
// the local PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
// loads it with autocannon (64 connections) and prints requests/s and p99 per route, each as a ratio
// of a no-op route (the JSON 404 of an unknown path: the whole pipeline, no database), and login as
// a ratio of a bare argon2 verify loop. SKIP_BUILD=1 reuses the last build.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { hash, verify } from "@node-rs/argon2";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const port = 3100 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const password = "bench-Passphrase-42";
const LOGIN_ACCOUNTS = 256;

const databaseName = `unimatch_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${databaseName}"`);
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  JWT_SECRET: randomBytes(32).toString("hex"),
  AUTH_SECRET: randomBytes(32).toString("hex"),
  COOKIE_SECURE: "false",
  LOG_LEVEL: "error",
};

function runOrExit(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const nextBin = path.join(root, "node_modules/next/dist/bin/next");
if (process.env.SKIP_BUILD !== "1") runOrExit([nextBin, "build"]);
runOrExit(["--import", "tsx", "scripts/db-migrate.ts"]);
runOrExit(["--import", "tsx", "scripts/user-create.ts", "--email", "bench@example.com", "--password", password]);
runOrExit(["--import", "tsx", "scripts/user-create.ts", "--email", "partner@example.com", "--password", password]);

const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });

async function cleanUp(): Promise<void> {
  server.kill("SIGTERM");
  await sleep(500);
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
}

try {
  for (let attempt = 0; ; attempt++) {
    const ready = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ready) break;
    if (attempt > 100) throw new Error("server did not start");
    await sleep(200);
  }
  // Give the bench user hobbies and a pair so the measured reads do real work, and add the
  // accounts the login load signs in as (many people logging in, as in real life; one account
  // would be throttled by its own 10-attempt limit).
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [bench] = await db`select password_hash from users where id = 1`;
  const sharedHash = String(bench!.password_hash);
  await db`insert into users (email, password_hash) select 'login' || n || '@example.com', ${sharedHash} from generate_series(1, ${LOGIN_ACCOUNTS}) n`;
  await db`insert into user_hobbies (user_id, hobby_id) select u.id, h.id from users u, hobbies h where h.id <= 5`;
  const [round] = await db`insert into match_rounds (slot) values (now()) returning id`;
  await db.begin(async (tx) => {
    const [group] = await tx`insert into match_groups (round_id) values (${round!.id}) returning id`;
    await tx`insert into match_group_members (group_id, round_id, user_id) select ${group!.id}, ${round!.id}, id from users where id in (1, 2)`;
    const [pair] = await tx`insert into match_pairs (group_id, user_low_id, user_high_id) values (${group!.id}, 1, 2) returning id`;
    await tx`insert into match_pair_hobbies (pair_id, hobby_id) select ${pair!.id}, id from hobbies where id <= 5`;
  });
  await db.end();

  const login = await fetch(`${base}/api/token/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@example.com", password }),
  });
  const { access } = (await login.json()) as { access: string };
  const bearer = { authorization: `Bearer ${access}` };

  async function load(title: string, options: Partial<autocannon.Options>) {
    await autocannon({ url: base, connections: 8, duration: 2, ...options }); // warm-up
    const result = await autocannon({ url: base, connections: 64, duration: seconds, ...options });
    const failures = result.non2xx + result.errors + result.timeouts;
    return { title, rps: result.requests.average, p99: result.latency.p99, failures };
  }

  const noop = await load("GET /api/__noop (no-op: JSON 404)", { url: `${base}/api/__noop`, expectBody: undefined });
  noop.failures = 0; // its answer is a 404 by design
  const total = await load("GET /users/api/hobby/total/ (Bearer)", { url: `${base}/users/api/hobby/total/`, headers: bearer });
  const pairs = await load("GET /api/pairs/ (Bearer)", { url: `${base}/api/pairs/`, headers: bearer });
  let nextAccount = 0;
  const tokens = await load("POST /api/token/", {
    url: `${base}/api/token/`,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ email: `login${(nextAccount++ % LOGIN_ACCOUNTS) + 1}@example.com`, password }),
        }),
      },
    ],
  });

  // The ceiling for login: argon2id verifies with the same parameters, as many in flight as the server gets.
  const stored = await hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as never);
  let verified = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (Date.now() < deadline) {
        await verify(stored, password);
        verified++;
      }
    }),
  );
  const bareRate = verified / seconds;

  const rows = [noop, total, pairs, tokens].map((row) => ({
    route: row.title,
    "req/s": Math.round(row.rps),
    "p99 ms": row.p99,
    "vs no-op": `${((100 * row.rps) / noop.rps).toFixed(1)} %`,
    failures: row.failures,
  }));
  console.table(rows);
  console.log(`bare argon2id verify loop: ${bareRate.toFixed(1)} verifies/s; login = ${((100 * tokens.rps) / bareRate).toFixed(1)} % of it`);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  for (const row of [total, pairs]) {
    console.log(`${row.title}: ≥ 70 % of no-op ${verdict(row.rps >= 0.7 * noop.rps)}; p99 < 50 ms ${verdict(row.p99 < 50)}`);
  }
  console.log(`POST /api/token/: ≥ 85 % of bare hash rate ${verdict(tokens.rps >= 0.85 * bareRate)}`);
} finally {
  await cleanUp();
}
