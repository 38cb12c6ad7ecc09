// `npm run bench:pages`: a benchmark, not a test. In one run, on the production build and a fresh
// PostgreSQL database (scripts/bench/app.ts), it prints:
//  1. requests/s and p50/p99 of server-rendering GET /matches for a signed-in student (a current
//     pair and HISTORY_ROUNDS earlier rounds) next to GET /api/pairs/ for the same student (Bearer),
//     at the same load: BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS each (default 10), ratios
//     taken within a round (this machine's speed drifts), medians. Target: /matches ≥ 40 % of /api/pairs/.
//     A small signed-out page (/tg-auth) is measured beside them for scale.
//  2. the first-load JavaScript of each page, gzipped, from the build's manifests. Target: ≤ 130 kB.
//  3. Lighthouse's mobile performance and accessibility scores of /, /login, /register and /matches
//     (signed in), the median of LIGHTHOUSE_RUNS runs (default 3). Targets: ≥ 90 and ≥ 95.
// The student's session cookie is minted as signing in mints it (scripts/bench/session-cookie.ts).
// SKIP_BUILD=1 reuses the last build.
import { bearerHeader, startBenchApp, type BenchApp } from "./bench/app";
import { firstLoadJs, gzipSize, sharedFiles } from "./bench/first-load-js";
import { auditPages } from "./bench/lighthouse";
import { CONNECTIONS, measure, median, percent, type Measured } from "./bench/load";
import { addPairRound, analyze, giveEveryoneHobbies } from "./bench/seed";
import { sessionCookie } from "./bench/session-cookie";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const lighthouseRuns = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

const TARGET = { matchesVsPairs: 0.4, firstLoadBytes: 130_000, performance: 90, accessibility: 95 };
const HISTORY_ROUNDS = 8;
const FIRST_LOAD_PAGES = ["/", "/login", "/register", "/password-reset", "/matches", "/hobbies", "/settings", "/tg-auth"];
const STUDENT = { email: "student@example.com", firstName: "Аня", lastName: "Студентова" };
const PARTNER = { email: "partner@example.com", firstName: "Полина", lastName: "Партнёрова" };

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The student (id 1) is paired with the partner (id 2) now and with someone new in each earlier round. */
async function seedStudent(app: BenchApp): Promise<void> {
  const { sql } = app;
  await sql`insert into users (email, first_name, last_name)
    select 'history' || n || '@example.com', 'Собеседник', 'Номер ' || n from generate_series(1, ${HISTORY_ROUNDS}) n`;
  await giveEveryoneHobbies(sql, 5);
  await addPairRound(sql, { weeksAgo: 0, userIds: [1, 2], sharedHobbies: 5 });
  for (let week = 1; week <= HISTORY_ROUNDS; week++) await addPairRound(sql, { weeksAgo: week, userIds: [1, 2 + week], sharedHobbies: 3 });
  await analyze(sql);
}

/** Fails unless /matches with the cookie is the student's own page: their partner and their history, no redirect. */
async function expectSignedInPage(app: BenchApp, cookie: string): Promise<void> {
  const response = await fetch(`${app.base}/matches`, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  const missing = [`Привет, ${STUDENT.firstName}!`, PARTNER.firstName, PARTNER.lastName, `Номер ${HISTORY_ROUNDS}`].filter(
    (text) => !html.includes(text),
  );
  if (response.status !== 200 || missing.length > 0) {
    throw new Error(
      `GET /matches is not the signed-in page: ${response.status} ${response.headers.get("location") ?? ""}, missing ${missing}`,
    );
  }
}

/** Each route's rate as a share of the first route's, per round (the machine's speed drifts between rounds). */
const ratiosToFirst = (results: Measured[][], index: number) =>
  results[index]!.map((measured, round) => measured.rps / results[0]![round]!.rps);

async function compareMatchesWithPairs(app: BenchApp, cookie: string): Promise<void> {
  const bearer = await bearerHeader(app.base, STUDENT.email);
  const routes = [
    { title: "GET /api/pairs/ (Bearer)", options: { url: `${app.base}/api/pairs/`, headers: bearer } },
    { title: "GET /matches (session cookie)", options: { url: `${app.base}/matches`, headers: { cookie } } },
    // For scale, not a target: about the least a server-rendered page here costs (no session, no query).
    { title: "GET /tg-auth (signed out; for scale)", options: { url: `${app.base}/tg-auth` } },
  ];
  const results = routes.map(() => [] as Measured[]);
  for (let round = 1; round <= rounds; round++) {
    for (const [index, route] of routes.entries()) {
      results[index]!.push(await measure({ options: route.options, seconds, cpuSeconds: app.serverCpuSeconds }));
    }
    const [pairs, matches] = results.map((list) => list.at(-1)!);
    console.log(
      `round ${round}/${rounds}: /api/pairs/ ${Math.round(pairs!.rps)}/s, /matches ${Math.round(matches!.rps)}/s = ${percent(matches!.rps / pairs!.rps)}`,
    );
  }
  console.log(`\nMedians of ${rounds} rounds, ${seconds} s per route, ${CONNECTIONS} connections:`);
  console.table(
    routes.map((route, index) => {
      const list = results[index]!;
      return {
        route: route.title,
        "req/s": Math.round(median(list.map((measured) => measured.rps))),
        "p50 ms": median(list.map((measured) => measured.p50)),
        "p99 ms": median(list.map((measured) => measured.p99)),
        "server CPU ms/req": median(list.map((measured) => measured.cpuMsPerRequest)).toFixed(2),
        "vs /api/pairs/": percent(median(ratiosToFirst(results, index))),
        failures: list.reduce((sum, measured) => sum + measured.failures, 0),
      };
    }),
  );
  const ratio = median(ratiosToFirst(results, 1));
  console.log(
    `/matches = ${percent(ratio)} of the /api/pairs/ rate (target ≥ ${percent(TARGET.matchesVsPairs)}): ${verdict(ratio >= TARGET.matchesVsPairs)}`,
  );
}

function reportFirstLoadJs(): void {
  const loads = FIRST_LOAD_PAGES.map(firstLoadJs);
  const shared = sharedFiles(loads);
  const sharedBytes = shared.reduce((sum, file) => sum + gzipSize(file), 0);
  console.log(`\nFirst-load JS, gzipped (build manifests; ${shared.length} files, ${kB(sharedBytes)}, shared by every page):`);
  console.table(
    loads.map((load) => {
      const own = load.files.filter((file) => !shared.includes(file)).map((file) => ({ file, bytes: gzipSize(file) }));
      const largest = own.sort((a, b) => b.bytes - a.bytes)[0];
      return {
        page: load.route,
        "first-load JS": kB(load.gzipBytes),
        files: load.files.length,
        "largest own chunk": largest ? `${largest.file.replace("static/chunks/", "")} ${kB(largest.bytes)}` : "–",
        [`≤ ${kB(TARGET.firstLoadBytes)}`]: verdict(load.gzipBytes <= TARGET.firstLoadBytes),
      };
    }),
  );
}

async function reportLighthouse(app: BenchApp, cookie: string): Promise<void> {
  const pages = [{ path: "/" }, { path: "/login" }, { path: "/register" }, { path: "/matches", cookie }];
  const audits = await auditPages({ base: app.base, pages, runs: lighthouseRuns });
  console.log(`\nLighthouse 12 (mobile profile), median of ${lighthouseRuns} runs:`);
  console.table(
    audits.map((audit) => ({
      page: audit.path,
      performance: audit.performance,
      [`perf ≥ ${TARGET.performance}`]: verdict((audit.performance ?? 0) >= TARGET.performance),
      accessibility: audit.accessibility,
      [`a11y ≥ ${TARGET.accessibility}`]: verdict((audit.accessibility ?? 0) >= TARGET.accessibility),
      "FCP ms": Math.round(audit.fcp),
      "LCP ms": Math.round(audit.lcp),
      "TBT ms": Math.round(audit.tbt),
      CLS: audit.cls.toFixed(3),
      "failed a11y audits": audit.failedA11y.join(", ") || "–",
    })),
  );
  console.log(`Lighthouse's CPU benchmark index: ${audits.map((audit) => Math.round(audit.benchmarkIndex)).join(", ")}`);
}

const app = await startBenchApp({ accounts: [STUDENT, PARTNER] });
try {
  await seedStudent(app);
  const cookie = await sessionCookie(app, 1);
  await expectSignedInPage(app, cookie);
  reportFirstLoadJs();
  await compareMatchesWithPairs(app, cookie);
  await reportLighthouse(app, cookie);
} finally {
  await app.stop();
}
