import { setTimeout as sleep } from "node:timers/promises";
import { Cron } from "croner";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { runRound } from "@/lib/matching/round";
import { currentSlot } from "@/lib/matching/schedule";
import { publishRoundCreated } from "./rounds";

// Without Inngest, the server process itself starts the weekly round at each slot. runRound is
// idempotent per slot (and serialised by an advisory lock), so several instances ticking at once, or
// a CLI run at the same time, still produce one round.

const key = Symbol.for("unimatch.jobs.roundScheduler");
const holder = globalThis as unknown as { [key]?: Cron };

/** How often a scheduled round that failed (the database unreachable, say) is tried again, and for how long. */
const RETRY_EVERY_MS = 30_000;
const GIVE_UP_AFTER_MS = 6 * 3600_000;

/**
 * Runs the round of the slot that just began, then announces it in-process. A failure is retried
 * for the same slot every 30 s for six hours, so an outage at 18:00 delays the round instead of
 * skipping the week.
 */
export async function runScheduledRound(
  at: Date = new Date(),
  { retryEveryMs = RETRY_EVERY_MS, giveUpAfterMs = GIVE_UP_AFTER_MS }: { retryEveryMs?: number; giveUpAfterMs?: number } = {},
): Promise<void> {
  const slot = currentSlot(at);
  const giveUpAt = Date.now() + giveUpAfterMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const statistics = await runRound({ slot });
      log.info("weekly round", { ...statistics });
      await publishRoundCreated(statistics.round_id);
      return;
    } catch (error) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      if (Date.now() + retryEveryMs > giveUpAt) {
        log.error("weekly round failed; giving up on this slot", { slot: slot.toISOString(), attempt, error: reason });
        return;
      }
      log.warn("weekly round failed; trying again", { slot: slot.toISOString(), attempt, inSeconds: retryEveryMs / 1000, error: reason });
      await sleep(retryEveryMs, undefined, { ref: false });
    }
  }
}

/** Starts the in-process weekly schedule (MATCH_SCHEDULE in MATCH_TZ) once per process. */
export function startRoundScheduler(): void {
  holder[key] ??= new Cron(env.MATCH_SCHEDULE, { timezone: env.MATCH_TZ, unref: true, protect: true }, () => runScheduledRound());
}
