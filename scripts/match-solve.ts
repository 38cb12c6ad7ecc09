// CLI: tsx scripts/match-solve.ts --input I.json --output O.json [--seed N]
// Reads a matching instance (shared/bench/matching/README.md), writes {"groups": [[id, id], ...]}.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { instanceToInput } from "../lib/matching/engine/bench-format";
import { solveMatching } from "../lib/matching/engine/index";

function main(): void {
  const { values } = parseArgs({
    options: { input: { type: "string" }, output: { type: "string" }, seed: { type: "string", default: "1" } },
  });
  if (values.input === undefined || values.output === undefined) {
    throw new Error("usage: tsx scripts/match-solve.ts --input I.json --output O.json [--seed N]");
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(values.input, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${values.input}: ${(error as Error).message}`);
  }
  const input = instanceToInput(parsed, seed);
  const result = solveMatching(input);
  writeFileSync(values.output, JSON.stringify({ groups: result.groups }) + "\n");
}

try {
  main();
} catch (error) {
  process.stderr.write(`match-solve: ${(error as Error).message}\n`);
  process.exit(1);
}
