import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, test, type TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { hobbies, users } from "@/db/schema";
import { testDatabase } from "./support/env";
import { get, postJson, signUp, uniqueEmail } from "./support/requests";

// The issue: a newcomer runs `npm run dev` and then, in another terminal, `npm run user:create … --staff`.
// The app server holds the embedded database; scripts reach it through the server's socket (one
// source of truth), and without a live holder they open the folder themselves.
const skip = process.env.TEST_DATABASE_URL
  ? "the embedded database only: on TEST_DATABASE_URL every process reaches the PostgreSQL server directly"
  : false;

const root = path.resolve(import.meta.dirname, "..");
const PASSWORD = "Dlinny-Parol-42";

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx <args>` from the repository root with this process's environment plus `env`. */
function runNode(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  // DATABASE_URL set empty so a developer's .env cannot point the child at another database.
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const createStaff = (email: string, env?: Record<string, string>) =>
  runNode(["scripts/user-create.ts", "--email", email, "--password", PASSWORD, "--staff"], env);

/**
 * This file's app, once it has answered a first request: a production server runs instrumentation's
 * register() (which shares the embedded database) before its first answer. Returns the port advertised in the lock.
 */
async function startSharingApp(): Promise<{ baseUrl: string; port: number }> {
  const { baseUrl } = await startApp();
  assert.equal((await get(baseUrl, "/api/health")).status, 200);
  const lock: { pid: number; port?: number } = JSON.parse(readFileSync(path.join(testDatabase.dataDir, "pglite.lock"), "utf8"));
  assert.equal(lock.pid, process.pid);
  assert.ok(Number.isInteger(lock.port), `the app does not advertise a port: ${JSON.stringify(lock)}`);
  return { baseUrl, port: lock.port! };
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  assert.ok(pid);
  return pid;
}

/** `promise`, with a flag telling whether it has settled yet. */
function pending<T>(promise: Promise<T>): { promise: Promise<T>; settled: boolean } {
  const tracked = { promise, settled: false };
  promise.then(
    () => (tracked.settled = true),
    () => (tracked.settled = true),
  );
  return tracked;
}

async function hobbyExists(name: string): Promise<boolean> {
  return (await db.select({ id: hobbies.id }).from(hobbies).where(eq(hobbies.name, name))).length > 0;
}

async function userExists(email: string): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).where(eq(users.email, email))).length > 0;
}

describe("scripts while the app server holds the embedded database", () => {
  test("user:create makes a staff account while the app serves requests; it logs in and is staff", { skip }, async () => {
    const { baseUrl } = await startSharingApp();

    // Sign-ups (each a transaction in the app) keep running for as long as the script does.
    let scriptDone = false;
    let signUps = 0;
    const traffic = (async () => {
      while (!scriptDone) {
        await signUp(baseUrl);
        signUps++;
      }
    })();
    const email = uniqueEmail("staff");
    const script = await createStaff(email).finally(() => (scriptDone = true));
    await traffic;
    assert.equal(script.code, 0, `user:create failed:\n${script.stdout}\n${script.stderr}`);
    assert.match(script.stdout, /Created staff user #\d+ </);
    assert.ok(signUps > 0, "no request was served while the script ran");

    const login = await postJson(baseUrl, "/api/token/", { email, password: PASSWORD });
    assert.equal(login.status, 200, login.text);
    const me = await get(baseUrl, "/auth/me", { access: login.body.access });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.email, email);
    assert.equal(me.body.is_admin, true);
  });

  test("a client killed inside its transaction is rolled back alone; the app's sign-up meanwhile waits and commits", { skip }, async () => {
    const { baseUrl, port } = await startSharingApp();
    const name = `killed-${process.pid}`;
    const client = spawn(
      process.execPath,
      [
        "-e",
        `const sql = require("postgres")("postgres://postgres@127.0.0.1:${port}/postgres", { max: 1, prepare: false });
         const name = ${JSON.stringify(name)};
         sql.begin(async (tx) => { await tx\`insert into hobbies (name) values (\${name})\`; console.log("inside"); await new Promise(() => {}); });`,
      ],
      { cwd: root },
    );
    let stderr = "";
    client.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((_, reject) =>
      client.once("close", (code) => reject(new Error(`the client exited (${code}) before its transaction: ${stderr}`))),
    );
    await Promise.race([new Promise((resolve) => client.stdout.once("data", resolve)), exited]);
    exited.catch(() => {});
    const signingUp = pending(signUp(baseUrl));
    await sleep(1_000);
    assert.equal(signingUp.settled, false, "the app wrote while the client's transaction was open");
    client.kill("SIGKILL");
    const { email } = await signingUp.promise;
    assert.equal(await hobbyExists(name), false);
    assert.equal(await userExists(email), true);
  });

  test(
    "a client cut off between Parse and Sync is rolled back alone; the app's sign-up meanwhile waits and commits",
    { skip },
    async () => {
      const { baseUrl, port } = await startSharingApp();
      const name = `cut-${process.pid}`;
      const message = (type: string, ...parts: Buffer[]) => {
        const body = Buffer.concat(parts);
        const header = Buffer.alloc(5);
        header.write(type, 0, "latin1");
        header.writeInt32BE(4 + body.length, 1);
        return Buffer.concat([header, body]);
      };
      const text = (value: string) => Buffer.from(`${value}\0`);
      const startupBody = Buffer.concat([text("user"), text("postgres"), text("database"), text("postgres"), Buffer.from([0])]);
      const startup = Buffer.alloc(8);
      startup.writeInt32BE(8 + startupBody.length, 0);
      startup.writeInt32BE(0x30000, 4); // protocol 3.0

      const socket = net.connect(port, "127.0.0.1");
      socket.on("error", () => {});
      socket.write(Buffer.concat([startup, startupBody]));
      await new Promise((resolve) => socket.once("data", resolve));
      const noParameters = Buffer.alloc(2);
      socket.write(
        Buffer.concat([
          message("P", text(""), text(`insert into hobbies (name) values ('${name}')`), noParameters),
          message("B", text(""), text(""), noParameters, noParameters, noParameters),
          message("E", text(""), Buffer.alloc(4)),
        ]),
      );
      await new Promise((resolve) => socket.once("data", resolve)); // ParseComplete … CommandComplete, no ReadyForQuery
      const signingUp = pending(signUp(baseUrl));
      await sleep(1_000);
      assert.equal(signingUp.settled, false, "the app wrote in the middle of the client's exchange");
      socket.destroy();
      const { email } = await signingUp.promise;
      assert.equal(await hobbyExists(name), false);
      assert.equal(await userExists(email), true);
    },
  );
});

/** A fresh data folder for one test, removed after it. */
function scratchDataDir(t: TestContext): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "unimatch-scripts-"));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

describe("scripts without a live app server", () => {
  for (const [format, contents] of [
    // Nothing listens on port 1: a script that trusted the dead holder would fail to connect.
    ["JSON", (pid: number) => JSON.stringify({ pid, port: 1 })],
    ["plain pid", (pid: number) => String(pid)],
  ] as const) {
    test(`a stale lock (${format}) is ignored: the script opens the folder itself, migrates it and lets go`, { skip }, async (t) => {
      const dataDir = scratchDataDir(t);
      writeFileSync(path.join(dataDir, "pglite.lock"), contents(deadPid()));
      const script = await createStaff("stale@example.test", { DATA_DIR: dataDir });
      assert.equal(script.code, 0, `user:create failed:\n${script.stdout}\n${script.stderr}`);
      assert.match(script.stdout, /Created staff user #1 <stale@example.test>/);
      assert.equal(existsSync(path.join(dataDir, "pglite.lock")), false);
    });
  }

  test("a live holder that does not share the database is never opened a second time", { skip }, async (t) => {
    const dataDir = scratchDataDir(t);
    writeFileSync(path.join(dataDir, "pglite.lock"), JSON.stringify({ pid: process.pid }));
    const script = await createStaff("held@example.test", { DATA_DIR: dataDir });
    assert.notEqual(script.code, 0);
    assert.match(script.stderr, new RegExp(`in use by process ${process.pid}, which does not share it`));
    assert.equal(existsSync(path.join(dataDir, "pglite")), false);
  });
});
