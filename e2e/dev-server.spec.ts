import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// `npm run dev` as a newcomer runs it: `next dev` in this checkout, on an embedded database under
// .data/, with no environment. Pages must load once and stay put — no "✓ Compiled in" and no reload
// when nothing was edited (a loop of them once reloaded / 26 times in 12 s and re-sent the activation
// request hundreds of times) — on http://localhost and on http://127.0.0.1 alike, and typed text stays.

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_DEV_PORT ?? 3211);
const dataDir = path.join(root, ".data", `dev-check-${process.pid}`);
const QUIET_MS = 10_000;

let server: ChildProcess | null = null;
const output: string[] = [];
let trackedChangesBefore = "";

/** Tracked files that differ from the last commit: the dev server must write none (tsconfig.json, …). */
const trackedChanges = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" });

/** The pid of a live `next dev` holding this checkout's dev lock, if any (a developer's own dev server). */
function runningDevServer(): number | null {
  const lock = path.join(root, ".next", "dev", "lock");
  if (!existsSync(lock)) return null;
  try {
    const pid = Number(JSON.parse(readFileSync(lock, "utf8")).pid);
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

test.describe.configure({ mode: "serial", timeout: 300_000 });

test.beforeAll(async () => {
  const holder = runningDevServer();
  test.skip(holder !== null, `SKIPPED: a dev server (pid ${holder}) is running in this checkout; stop it to run the dev-server check`);
  mkdirSync(dataDir, { recursive: true });
  trackedChangesBefore = trackedChanges();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["NODE_ENV", "DATABASE_URL", "TEST_DATABASE_URL", "APP_URL", "JWT_SECRET", "AUTH_SECRET", "COOKIE_SECURE"])
    delete env[name];
  server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", String(port)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [server.stdout!, server.stderr!]) stream.on("data", (chunk: Buffer) => output.push(...chunk.toString().split("\n")));
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0, {
      timeout: 180_000,
      intervals: [1_000],
    })
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  loads: number;
  posts: string[];
  hmrConnected: boolean;
}

async function open(page: Page, url: string): Promise<Watched> {
  const watched: Watched = { page, loads: 0, posts: [], hmrConnected: false };
  page.on("load", () => (watched.loads += 1));
  page.on("request", (request) => request.method() === "POST" && watched.posts.push(request.url()));
  page.on("console", (message) => message.text().includes("[HMR] connected") && (watched.hmrConnected = true));
  await page.goto(url);
  return watched;
}

test("pages load once and stay put for 10 s, on localhost and 127.0.0.1, with HMR connected", async ({ browser }) => {
  const pages = [
    `http://localhost:${port}/`,
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/auth/activate/MQ/c77vs0-00000000000000000000000000000000`,
    `http://127.0.0.1:${port}/password-reset/MQ/c77vs0-00000000000000000000000000000000`,
    `http://localhost:${port}/no-such-page`,
  ];
  const context = await browser.newContext();
  const watched: Watched[] = [];
  for (const url of pages) watched.push(await open(await context.newPage(), url));
  const reset = watched[3]!.page;
  await reset.getByLabel("Новый пароль").fill("typed before the quiet wait");
  const compiledBefore = output.filter((line) => line.includes("Compiled in")).length;

  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

  for (const [index, { loads, posts, hmrConnected }] of watched.entries()) {
    expect(loads, `${pages[index]} loaded ${loads} times`).toBe(1);
    expect(posts, `${pages[index]} sent ${posts.join(", ")}`).toEqual([]);
    expect(hmrConnected, `${pages[index]}: the HMR socket never connected`).toBe(true);
  }
  await expect(reset.getByLabel("Новый пароль")).toHaveValue("typed before the quiet wait");
  const compiled = output.filter((line) => line.includes("Compiled in"));
  expect(compiled, `recompiled with no file edited:\n${output.join("\n")}`).toHaveLength(compiledBefore);
  expect(compiledBefore, "nothing was edited, so nothing was recompiled").toBe(0);
  expect(trackedChanges(), "the dev server rewrote a tracked file").toBe(trackedChangesBefore);
  await context.close();
});
