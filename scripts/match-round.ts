import "./load-env";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { closeDatabase, ensureDatabaseReady } from "@/db/client";
import { inngestConfigured } from "@/inngest/client";
import { env } from "@/lib/env";
import { publishRoundCreated, waitForDeliveries } from "@/lib/background/rounds";
import { runRound } from "@/lib/matching/round";
import { zonedDateTime } from "@/lib/matching/schedule";

const USAGE = "Usage: npm run match:round [-- --at 2024-01-08T18:00:00+05:00]";

/**
 * `npm run match:round [-- --at ISO]`: runs the round of the slot current at `--at` (default now),
 * prints its statistics (one JSON line), then announces it: through Inngest when configured,
 * otherwise in this process, waiting for the deliveries before returning. Returns the exit status.
 */
export async function matchRoundCommand(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  let at = new Date();
  try {
    const { values } = parseArgs({ args: argv, options: { at: { type: "string" } }, strict: true });
    if (values.at !== undefined) at = new Date(values.at);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (Number.isNaN(at.getTime())) {
    console.error(`--at is not a date and time.\n${USAGE}`);
    return 2;
  }

  await ensureDatabaseReady();
  const statistics = await runRound({ at });
  const slot = new Date(statistics.slot);
  print(
    `Round #${statistics.round_id} of ${zonedDateTime(slot)} (${env.MATCH_TZ}): ${statistics.created ? "created" : "already ran; nothing written"}`,
  );
  print(JSON.stringify(statistics));

  await publishRoundCreated(statistics.round_id);
  if (inngestConfigured()) {
    print("Announcements: handed to Inngest (unimatch/round.created).");
    return 0;
  }
  const summaries = await waitForDeliveries();
  const total = (field: "sent" | "failed" | "alreadyDone" | "leftPending") => summaries.reduce((sum, summary) => sum + summary[field], 0);
  print(
    `Announcements: ${total("sent")} sent, ${total("failed")} failed, ${total("alreadyDone")} already settled, ${total("leftPending")} left pending.`,
  );
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    process.exitCode = await matchRoundCommand(process.argv.slice(2));
  } finally {
    await closeDatabase();
  }
}
