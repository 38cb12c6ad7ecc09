// `npm test`: builds the production app once, then runs every test: the browser tests (Playwright,
// against Debian's Chromium; reported as SKIPPED when no Chromium is installed) and the Node test
// runner's files. Each HTTP test file serves that build in-process on its own fresh database
// (PGlite, or a new database on TEST_DATABASE_URL's server).
//   npm test -- tests/tokens.test.ts   one Node test file (no browser tests)
//   SKIP_BUILD=1 npm test              reuse the last build
//   SKIP_E2E=1 npm test                no browser tests
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
// Every Node process of the run (test files, the scripts they spawn, the browser tests' server)
// imports server modules directly: see server-only-hook.mjs.
const serverOnlyHook = `--import=${pathToFileURL(path.join(root, "scripts/server-only-hook.mjs")).href}`;
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, serverOnlyHook].filter(Boolean).join(" ");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  return result.status ?? 1;
}

const args = process.argv.slice(2);
const files = args.filter((arg) => arg.endsWith(".ts"));
const options = args.filter((arg) => !arg.endsWith(".ts"));

if (process.env.SKIP_BUILD !== "1") {
  const { TEST_DATABASE_URL: _ignored, DATABASE_URL: _alsoIgnored, ...buildEnv } = process.env;
  const built = run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], buildEnv);
  if (built !== 0) process.exit(built);
}

let e2eStatus = 0;
if (files.length === 0 && process.env.SKIP_E2E !== "1") {
  if (existsSync(chromium)) {
    e2eStatus = run(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test"]);
  } else {
    console.log(`\nBROWSER TESTS SKIPPED: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).\n`);
  }
}

const testFiles =
  files.length > 0
    ? files
    : readdirSync(path.join(root, "tests"))
        .filter((name) => name.endsWith(".test.ts"))
        .sort()
        .map((name) => path.join("tests", name));

const unitStatus = run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...options, ...testFiles], {
  ...process.env,
  NODE_ENV: "test",
});
if (e2eStatus !== 0) console.log("\nThe browser tests FAILED (see above).");
process.exit(unitStatus || e2eStatus);
