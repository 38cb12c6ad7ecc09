// `npm test`: builds the production app once, then runs every test file with Node's test runner.
// Each HTTP test file serves that build in-process on its own fresh database (PGlite, or a new
// database on TEST_DATABASE_URL's server). Extra arguments are passed to `node --test`
// (e.g. `npm test -- tests/tokens.test.ts`); SKIP_BUILD=1 reuses the last build.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const files = args.filter((arg) => arg.endsWith(".ts"));
const options = args.filter((arg) => !arg.endsWith(".ts"));

if (process.env.SKIP_BUILD !== "1") {
  const { TEST_DATABASE_URL: _ignored, DATABASE_URL: _alsoIgnored, ...buildEnv } = process.env;
  run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], buildEnv);
}

const testFiles =
  files.length > 0
    ? files
    : readdirSync(path.join(root, "tests"))
        .filter((name) => name.endsWith(".test.ts"))
        .sort()
        .map((name) => path.join("tests", name));

run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...options, ...testFiles], { ...process.env, NODE_ENV: "test" });
