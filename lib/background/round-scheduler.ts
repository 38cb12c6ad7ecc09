import { Cron } from "croner";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { runRound } from "@/lib/matching/round";
import { publishRoundCreated } from "./rounds";

// Without Inngest, the server process itself starts the weekly round at each slot. runRound is
// idempotent per slot (and serialised by an advisory lock), so several instances ticking at once, or
// a CLI run at the same time, still produce one round.

const key = Symbol.for("unimatch.jobs.roundScheduler");
const holder = globalThis as unknown as { [key]?: Cron };

/** Runs the round of the slot that just began, then announces it in-process. */
export async function runScheduledRound(at: Date = new Date()): Promise<void> {
  try {
    const statistics = await runRound({ at });
    log.info("weekly round", { ...statistics });
    await publishRoundCreated(statistics.round_id);
  } catch (error) {
    log.error("weekly round failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

/** Starts the in-process weekly schedule (MATCH_SCHEDULE in MATCH_TZ) once per process. */
export function startRoundScheduler(): void {
  holder[key] ??= new Cron(env.MATCH_SCHEDULE, { timezone: env.MATCH_TZ, unref: true, protect: true }, () => runScheduledRound());
}
