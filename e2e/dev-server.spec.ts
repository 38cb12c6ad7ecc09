import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";

// `npm run dev` as a newcomer runs it: `next dev` in this checkout, on an embedded database under
// .data/, with no environment. Pages must load once and stay put — no "✓ Compiled in" and no reload
// when nothing was edited (a loop of them once reloaded / 26 times in 12 s and re-sent the activation
// request hundreds of times) — on http://localhost and on http://127.0.0.1 alike, with several tabs
// open, on a first start and after a restart (when Next's dev caches from the first start exist).

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_DEV_PORT ?? 3211);
const dataDir = path.join(root, ".data", `dev-check-${process.pid}`);
const QUIET_MS = 10_000;

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

interface DevServer {
  process: ChildProcess;
  output: string[];
}

async function startDevServer(): Promise<DevServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["NODE_ENV", "DATABASE_URL", "TEST_DATABASE_URL", "APP_URL", "JWT_SECRET", "AUTH_SECRET", "COOKIE_SECURE"])
    delete env[name];
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", String(port)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) stream.on("data", (chunk: Buffer) => output.push(...chunk.toString().split("\n")));
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0, {
      timeout: 180_000,
      intervals: [1_000],
    })
    .toBe(200);
  return { process: child, output };
}

async function stopDevServer(server: DevServer | null): Promise<void> {
  if (!server || server.process.exitCode !== null) return;
  server.process.kill("SIGTERM");
  await new Promise((resolve) => server.process.once("exit", resolve));
}

interface Watched {
  url: string;
  page: Page;
  loads: number;
  posts: string[];
  reloadRequests: string[];
  hmrConnected: boolean;
}

async function open(page: Page, url: string): Promise<Watched> {
  const watched: Watched = { url, page, loads: 0, posts: [], reloadRequests: [], hmrConnected: false };
  page.on("load", () => (watched.loads += 1));
  page.on("request", (request) => request.method() === "POST" && watched.posts.push(request.url()));
  page.on("console", (message) => message.text().includes("[HMR] connected") && (watched.hmrConnected = true));
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => String(payload).includes('"reloadPage"') && watched.reloadRequests.push(String(payload))),
  );
  await page.goto(url);
  return watched;
}

/** Opens five tabs on both hosts, types into the reset form, waits 10 s, and checks nothing moved. */
async function checkPagesStayPut(browser: Browser, server: DevServer): Promise<void> {
  const urls = [
    `http://localhost:${port}/`,
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/auth/activate/MQ/c77vs0-00000000000000000000000000000000`,
    `http://127.0.0.1:${port}/password-reset/MQ/c77vs0-00000000000000000000000000000000`,
    `http://localhost:${port}/no-such-page`,
  ];
  const context = await browser.newContext();
  const watched: Watched[] = [];
  for (const url of urls) watched.push(await open(await context.newPage(), url));
  const reset = watched[3]!.page;
  await reset.getByLabel("Новый пароль").fill("typed before the quiet wait");

  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

  const log = server.output.join("\n");
  for (const { url, loads, posts, reloadRequests, hmrConnected } of watched) {
    expect(loads, `${url} loaded ${loads} times\n${log}`).toBe(1);
    expect(reloadRequests, `${url}: the dev server asked it to reload`).toEqual([]);
    expect(posts, `${url} sent ${posts.join(", ")}`).toEqual([]);
    expect(hmrConnected, `${url}: the HMR socket never connected`).toBe(true);
  }
  await expect(reset.getByLabel("Новый пароль")).toHaveValue("typed before the quiet wait");
  expect(
    server.output.filter((line) => line.includes("Compiled in")),
    `recompiled with no file edited:\n${log}`,
  ).toEqual([]);
  await context.close();
}

test.describe.configure({ mode: "serial", timeout: 300_000 });

let server: DevServer | null = null;
let trackedChangesBefore = "";

test.beforeAll(() => {
  const holder = runningDevServer();
  test.skip(holder !== null, `SKIPPED: a dev server (pid ${holder}) is running in this checkout; stop it to run the dev-server check`);
  mkdirSync(dataDir, { recursive: true });
  trackedChangesBefore = trackedChanges();
});

test.afterAll(async () => {
  await stopDevServer(server);
  rmSync(dataDir, { recursive: true, force: true });
});

test("first start: pages load once and stay put for 10 s, on localhost and 127.0.0.1, HMR connected", async ({ browser }) => {
  server = await startDevServer();
  await checkPagesStayPut(browser, server);
  expect(trackedChanges(), "the dev server rewrote a tracked file").toBe(trackedChangesBefore);
});

test("after a restart (the first start's dev caches on disk): the same", async ({ browser }) => {
  await stopDevServer(server);
  server = await startDevServer();
  await checkPagesStayPut(browser, server);
  expect(trackedChanges(), "the dev server rewrote a tracked file").toBe(trackedChangesBefore);
});
