// `npm run bench:api`: a benchmark, not a test. Starts the production build on a fresh database of
// the local PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
// loads it with autocannon (64 connections) and prints requests/s, p99 and the server's CPU time per
// request for each route, each as a ratio of a no-op route (the JSON 404 of an unknown path: the
// whole pipeline, no database), and login as a ratio of a bare argon2id verify loop.
// This machine's speed drifts by ±15 % over minutes, so the routes are measured in BENCH_ROUNDS
// rounds (default 3) of BENCH_SECONDS each (default 10), every ratio taken within its round, and
// the summary gives the medians. SKIP_BUILD=1 reuses the last build.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { hash, verify } from "@node-rs/argon2";
import postgres from "postgres";
import { ARGON2ID_OPTIONS } from "@/lib/auth/passwords";

const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
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
runOrExit(["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/db-migrate.ts"]);
runOrExit([
  "--import",
  "tsx",
  "--import",
  "./scripts/server-only-hook.mjs",
  "scripts/user-create.ts",
  "--email",
  "bench@example.com",
  "--password",
  password,
]);
runOrExit([
  "--import",
  "tsx",
  "--import",
  "./scripts/server-only-hook.mjs",
  "scripts/user-create.ts",
  "--email",
  "partner@example.com",
  "--password",
  password,
]);

const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });

/** CPU seconds the server process has used so far (user + system, all its threads), from /proc. */
function serverCpuSeconds(): number {
  const fields = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function cleanUp(): Promise<void> {
  server.kill("SIGTERM");
  await sleep(500);
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end();
}

interface Measured {
  rps: number;
  p99: number;
  cpuMsPerRequest: number;
  failures: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percent = (value: number) => `${(100 * value).toFixed(1)} %`;

try {
  for (let attempt = 0; ; attempt++) {
    const ready = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
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
  await db`analyze`; // table statistics, as autovacuum would gather them on a live server
  await db.end();

  const login = await fetch(`${base}/api/token/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@example.com", password }),
  });
  const { access } = (await login.json()) as { access: string };
  const bearer = { authorization: `Bearer ${access}` };

  async function load(options: Partial<autocannon.Options>): Promise<Measured> {
    await autocannon({ url: base, connections: 8, duration: 2, ...options }); // warm-up
    const cpuBefore = serverCpuSeconds();
    const result = await autocannon({ url: base, connections: 64, duration: seconds, ...options });
    const cpuMsPerRequest = (1000 * (serverCpuSeconds() - cpuBefore)) / result.requests.total;
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      cpuMsPerRequest,
      failures: result.non2xx + result.errors + result.timeouts,
    };
  }

  let nextAccount = 0;
  const routes: Array<{ title: string; options: Partial<autocannon.Options>; expectsError?: boolean }> = [
    { title: "GET /api/__noop (no-op: JSON 404)", options: { url: `${base}/api/__noop` }, expectsError: true },
    { title: "GET /users/api/hobby/total/ (Bearer)", options: { url: `${base}/users/api/hobby/total/`, headers: bearer } },
    { title: "GET /api/pairs/ (Bearer)", options: { url: `${base}/api/pairs/`, headers: bearer } },
    {
      title: `POST /api/token/ (${LOGIN_ACCOUNTS} accounts)`,
      options: {
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
      },
    },
  ];

  // The ceiling for login: argon2id verifies with the app's parameters and nothing else, at one per
  // core (as the app runs them) and at 64 in flight; the better of the two.
  const stored = await hash(password, ARGON2ID_OPTIONS as never);
  async function bareVerifyRate(inFlight: number): Promise<number> {
    let verified = 0;
    const deadline = Date.now() + (seconds * 1000) / 2;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (Date.now() < deadline) {
          await verify(stored, password);
          verified++;
        }
      }),
    );
    return verified / (seconds / 2);
  }

  const results = routes.map(() => [] as Measured[]);
  const bareRates: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const [index, route] of routes.entries()) {
      const measured = await load(route.options);
      if (route.expectsError) measured.failures = 0; // the no-op's answer is a 404 by design
      results[index]!.push(measured);
    }
    bareRates.push(Math.max(await bareVerifyRate(availableParallelism()), await bareVerifyRate(64)));
    const [noop, total, pairs, tokens] = results.map((list) => list.at(-1)!);
    console.log(
      `round ${round}/${rounds}: no-op ${Math.round(noop!.rps)}/s, hobby/total ${percent(total!.rps / noop!.rps)}, ` +
        `pairs ${percent(pairs!.rps / noop!.rps)}, login ${Math.round(tokens!.rps)}/s = ${percent(tokens!.rps / bareRates.at(-1)!)} of bare argon2id ${Math.round(bareRates.at(-1)!)}/s`,
    );
  }

  const noopRps = results[0]!.map((measured) => measured.rps);
  const rows = routes.map((route, index) => {
    const list = results[index]!;
    const ratios = list.map((measured, round) => measured.rps / noopRps[round]!);
    return {
      route: route.title,
      "req/s": Math.round(median(list.map((measured) => measured.rps))),
      "p99 ms": median(list.map((measured) => measured.p99)),
      "server CPU ms/req": median(list.map((measured) => measured.cpuMsPerRequest)).toFixed(2),
      "vs no-op": percent(median(ratios)),
      failures: list.reduce((sum, measured) => sum + measured.failures, 0),
    };
  });
  console.log(`\nMedians of ${rounds} rounds, ${seconds} s per route, 64 connections:`);
  console.table(rows);
  const loginRatio = median(results[3]!.map((measured, round) => measured.rps / bareRates[round]!));
  console.log(`bare argon2id verify loop: ${Math.round(median(bareRates))} verifies/s; login = ${percent(loginRatio)} of it`);

  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  for (const index of [1, 2]) {
    const ratio = median(results[index]!.map((measured, round) => measured.rps / noopRps[round]!));
    const p99 = median(results[index]!.map((measured) => measured.p99));
    console.log(`${routes[index]!.title}: ≥ 70 % of no-op ${verdict(ratio >= 0.7)}; p99 < 50 ms ${verdict(p99 < 50)}`);
  }
  console.log(`POST /api/token/: ≥ 85 % of bare hash rate ${verdict(loginRatio >= 0.85)}`);
} finally {
  await cleanUp();
}
