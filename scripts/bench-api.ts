// `npm run bench:api`: a benchmark, not a test. Starts the production build on a fresh database of
// the local PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test),
// loads it with autocannon (64 connections) and prints requests/s, p99 and the server's CPU time per
// request for each route, each as a ratio of a no-op route (the JSON 404 of an unknown path: the
// whole pipeline, no database), and login as a ratio of a bare argon2id verify loop.
// This machine's speed drifts by ±15 % over minutes, so the routes are measured in BENCH_ROUNDS
// rounds (default 3) of BENCH_SECONDS each (default 10), every ratio taken within its round, and
// the summary gives the medians. SKIP_BUILD=1 reuses the last build.
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import type autocannon from "autocannon";
import { ARGON2ID_OPTIONS } from "@/lib/auth/passwords";
import { BENCH_PASSWORD as password, bearerHeader, startBenchApp } from "./bench/app";
import { CONNECTIONS, measure, median, percent, type Measured } from "./bench/load";
import { addPairRound, analyze, giveEveryoneHobbies } from "./bench/seed";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const LOGIN_ACCOUNTS = 256;

const app = await startBenchApp({ accounts: [{ email: "bench@example.com" }, { email: "partner@example.com" }] });
const { base } = app;

try {
  // Give the bench user hobbies and a pair so the measured reads do real work, and add the
  // accounts the login load signs in as (many people logging in, as in real life; one account
  // would be throttled by its own 10-attempt limit).
  const { sql } = app;
  const [bench] = await sql`select password_hash from users where id = 1`;
  const sharedHash = String(bench!.password_hash);
  await sql`insert into users (email, password_hash) select 'login' || n || '@example.com', ${sharedHash} from generate_series(1, ${LOGIN_ACCOUNTS}) n`;
  await giveEveryoneHobbies(sql, 5);
  await addPairRound(sql, { weeksAgo: 0, userIds: [1, 2], sharedHobbies: 5 });
  await analyze(sql);

  const bearer = await bearerHeader(base, "bench@example.com");
  const load = (options: autocannon.Options) => measure({ options, seconds, cpuSeconds: app.serverCpuSeconds });

  let nextAccount = 0;
  const routes: Array<{ title: string; options: autocannon.Options; expectsError?: boolean }> = [
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
  console.log(`\nMedians of ${rounds} rounds, ${seconds} s per route, ${CONNECTIONS} connections:`);
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
  await app.stop();
}
