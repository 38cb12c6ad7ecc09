// The server Playwright drives: the production build on a fresh database of its own (a temp PGlite
// folder, or a new database on TEST_DATABASE_URL's server), with test configuration.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import postgres from "postgres";
import { startFakeTelegram } from "../tests/support/fake-telegram";
import { startTestSmtp } from "../tests/support/smtp";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3210";
// The stubs the browser tests read from: what was mailed and sent to Telegram, and a way to run a round.
// (port + 1 is the dev-server check's port.)
const controlPort = Number(process.env.E2E_CONTROL_PORT ?? Number(port) + 5);
export const E2E_BOT_TOKEN = "123456789:e2e-test-bot-token";
const telegram = await startFakeTelegram();
const smtp = await startTestSmtp();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  APP_URL: `http://127.0.0.1:${port}`,
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "unimatch-e2e-")),
  JWT_SECRET: randomBytes(32).toString("hex"),
  AUTH_SECRET: randomBytes(32).toString("hex"),
  COOKIE_SECURE: "false",
  LOG_LEVEL: "warn",
  SIGNUP_LIMIT_PER_IP: "0",
  TELEGRAM_BOT_TOKEN: E2E_BOT_TOKEN,
  TELEGRAM_BOT_USERNAME: "unimatch_e2e_bot",
  TELEGRAM_API_ROOT: telegram.apiRoot,
  SMTP_URL: smtp.url,
  MAIL_FROM: "UniMatch <noreply@unimatch.test>",
};
delete env.DATABASE_URL;

let dropDatabase = async () => {};
if (process.env.TEST_DATABASE_URL) {
  const name = `unimatch_e2e_${randomBytes(4).toString("hex")}`;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  // Playwright may kill this process before it drops its database: clear earlier runs' leftovers
  // (a database still in use refuses to drop, so a concurrent run keeps its own).
  const leftovers = await admin`select datname from pg_database where datname like 'unimatch_e2e_%'`;
  for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}"`).catch(() => {});
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  const migrate = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/db-migrate.ts"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  await new Promise((resolve) => migrate.on("exit", resolve));
}

const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  env,
  stdio: "inherit",
});
/** Runs `npm run match:round -- --at <at>` against the server's database; resolves with its output. */
function runRound(at: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const command = spawn(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/match-round.ts", "--at", at],
      { cwd: root, env: { ...env, NODE_ENV: "production" } },
    );
    let output = "";
    command.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    command.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    command.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

const control = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === "/mails") return reply(200, smtp.received);
  if (url.pathname === "/telegram") return reply(200, telegram.sent());
  if (url.pathname === "/round" && request.method === "POST") {
    void runRound(url.searchParams.get("at") ?? new Date().toISOString()).then((result) => reply(result.code === 0 ? 200 : 500, result));
    return;
  }
  reply(404, { error: "unknown" });
});
control.listen(controlPort, "127.0.0.1");

async function stop(): Promise<void> {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  control.close();
  await Promise.all([telegram.close(), smtp.stop()]);
  await dropDatabase();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => void dropDatabase().then(() => process.exit(code ?? 0)));
