// `npm run bench:round [-- --students 100000] [-- --fresh] [-- --drop]`: a benchmark, not a test.
// Seeds a database of the local PostgreSQL server (BENCH_DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432) with N students (30 hobbies, 1–6 each, four in five with a
// linked Telegram chat) and 8 weeks of history made by the real rounds, then runs one more round end
// to end in a fresh child process and prints its phases and the child's peak RSS against the targets.
// The seeded database (unimatch_bench_round_<N>) is kept for the next run unless --drop; --fresh
// seeds it again. The measured round is deleted afterwards, so every run measures the same round.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "..");
// The rounds log a line each at info level; the benchmark prints its own.
process.env.LOG_LEVEL ??= "warn";
const HISTORY_WEEKS = 8;
const HOBBIES = 30;
// A fixed Monday slot far from any real round: the history is the 8 weeks before it.
const MEASURED_SLOT = new Date("2030-03-04T13:00:00Z");
const WEEK_MS = 7 * 24 * 3600 * 1000;
const TARGETS = { totalMs: 5_000, writeMs: 1_500, peakRssMb: 500 };

interface Measurement {
  phases: Record<string, number>;
  totalMs: number;
  peakRssMb: number;
  statistics: unknown;
}

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Child mode: one round of MEASURED_SLOT, its phases and this process's peak RSS as one JSON line. */
async function measureOnce(): Promise<void> {
  const { runRound } = await import("@/lib/matching/round");
  const { closeDatabase } = await import("@/db/client");
  const phases: Record<string, number> = {};
  const started = performance.now();
  const statistics = await runRound({ slot: MEASURED_SLOT, onPhase: (phase, ms) => (phases[phase] = Math.round(ms)) });
  const totalMs = Math.round(performance.now() - started);
  await closeDatabase();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ phases, totalMs, peakRssMb, statistics } satisfies Measurement));
}

async function seed(sql: postgres.Sql, students: number): Promise<void> {
  const { migrateAndSeed } = await import("@/db/client");
  await migrateAndSeed();
  const [{ count }] = (await sql`select count(*)::int as count from hobbies`) as unknown as [{ count: number }];
  for (let index = count + 1; index <= HOBBIES; index++) await sql`insert into hobbies (name) values (${`Хобби ${index}`})`;
  await sql`select setseed(0.42)`;
  await sql`
    insert into users (email, first_name, last_name, chat_id)
    select 'student' || g || '@bench.example', 'Студент', 'Номер ' || g, case when g % 5 <> 0 then (1000000000 + g)::text end
    from generate_series(1, ${students}) as g`;
  // 1–6 distinct hobbies per student, chosen at random among the first 30.
  await sql`
    insert into user_hobbies (user_id, hobby_id)
    select u.id, h.id
    from users u
    cross join lateral (
      select id from (select id from hobbies order by id limit ${HOBBIES}) as catalogue
      order by random() + u.id * 0
      limit 1 + u.id % 6
    ) as h`;
  await sql`analyze`;
}

async function makeHistory(databaseUrlForRounds: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrlForRounds;
  const { runRound } = await import("@/lib/matching/round");
  const { closeDatabase } = await import("@/db/client");
  for (let week = HISTORY_WEEKS; week >= 1; week--) {
    const started = performance.now();
    const statistics = await runRound({ slot: new Date(MEASURED_SLOT.getTime() - week * WEEK_MS) });
    console.log(`  history week -${week}: ${statistics.groups} groups in ${Math.round(performance.now() - started)} ms`);
  }
  await closeDatabase();
}

function verdict(measured: number, target: number): string {
  return measured < target ? "met" : "MISSED";
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      students: { type: "string", default: "100000" },
      fresh: { type: "boolean", default: false },
      drop: { type: "boolean", default: false },
      measure: { type: "boolean", default: false },
    },
  });
  if (values.measure) return measureOnce();

  const students = Number(values.students);
  if (!Number.isInteger(students) || students < 2) throw new Error("--students must be a whole number ≥ 2");
  const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `unimatch_bench_round_${students}`;
  const url = databaseUrl(server, name);
  const admin = postgres(databaseUrl(server, "postgres"), { max: 1, onnotice: () => {} });
  try {
    if (values.fresh) await admin.unsafe(`drop database if exists ${name} with (force)`);
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database ${name}`);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [ready] = exists
        ? await sql`select (select count(*) from users)::int as users, (select count(*) from match_rounds)::int as rounds`.catch(() => [])
        : [];
      if (ready?.users === students && ready.rounds === HISTORY_WEEKS) {
        console.log(`Reusing ${name}: ${students} students, ${HISTORY_WEEKS} weeks of history (--fresh seeds it again).`);
        // Migrations added since it was seeded apply to the kept database too.
        process.env.DATABASE_URL = url;
        const { migrateAndSeed, closeDatabase } = await import("@/db/client");
        await migrateAndSeed();
        await closeDatabase();
      } else {
        if (exists) {
          await admin.unsafe(`drop database ${name} with (force)`);
          await admin.unsafe(`create database ${name}`);
        }
        console.log(`Seeding ${name}: ${students} students, ${HOBBIES} hobbies, ${HISTORY_WEEKS} weeks of history …`);
        const started = performance.now();
        process.env.DATABASE_URL = url;
        await seed(sql, students);
        await makeHistory(url);
        await sql`vacuum analyze`;
        console.log(`  seeded in ${Math.round((performance.now() - started) / 1000)} s`);
      }

      await sql`delete from match_rounds where slot = ${MEASURED_SLOT}`;
      // The last run's deleted round leaves dead rows in the tables and indexes the round writes to.
      await sql`vacuum analyze match_rounds, match_groups, match_group_members, match_pairs, match_notifications`;
      await sql`checkpoint`;
      const child = spawnSync(
        process.execPath,
        ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/bench-round.ts", "--measure"],
        { cwd: root, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "error" }, encoding: "utf8", maxBuffer: 16 << 20 },
      );
      if (child.status !== 0) throw new Error(`the measured round failed:\n${child.stderr}`);
      process.stderr.write(child.stderr);
      const measured = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measurement;
      await sql`delete from match_rounds where slot = ${MEASURED_SLOT}`;

      const { phases } = measured;
      console.log(`\nOne round of ${students} students (${JSON.stringify(measured.statistics)})`);
      console.log(`| phase | ms |\n| --- | ---: |`);
      for (const [phase, ms] of Object.entries(phases)) console.log(`| ${phase} | ${ms} |`);
      console.log(`| **whole round** (lock, load, solve, write, commit) | **${measured.totalMs}** |`);
      console.log(`\npeak RSS of the process that ran it: ${measured.peakRssMb} MB`);
      if (students === 100_000) {
        console.log(`\nTargets at 100 000 students:`);
        console.log(`  whole round ${measured.totalMs} ms < ${TARGETS.totalMs} ms: ${verdict(measured.totalMs, TARGETS.totalMs)}`);
        console.log(`  write ${phases.write} ms < ${TARGETS.writeMs} ms: ${verdict(phases.write ?? Infinity, TARGETS.writeMs)}`);
        console.log(`  peak RSS ${measured.peakRssMb} MB < ${TARGETS.peakRssMb} MB: ${verdict(measured.peakRssMb, TARGETS.peakRssMb)}`);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
    if (values.drop) await admin.unsafe(`drop database if exists ${name} with (force)`);
    else console.log(`\nKept ${name} for the next run (--drop removes it).`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

await main();
