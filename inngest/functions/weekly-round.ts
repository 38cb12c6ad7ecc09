import { cron } from "inngest";
import { env } from "@/lib/env";
import { runRound } from "@/lib/matching/round";
import { inngest } from "../client";
import { roundCreated } from "../events";

/**
 * The weekly matching round, on MATCH_SCHEDULE in MATCH_TZ. The slot is the one current at the
 * scheduled time (the event's ts), so a late or retried run still fills the week it was meant for;
 * runRound is idempotent per slot, so a retry after the commit changes nothing.
 */
export const weeklyRound = inngest.createFunction(
  {
    id: "weekly-round",
    name: "Weekly matching round",
    triggers: [cron(`TZ=${env.MATCH_TZ} ${env.MATCH_SCHEDULE}`)],
    retries: 4,
    concurrency: { limit: 1 },
  },
  async ({ event, step }) => {
    const statistics = await step.run("run-round", () => runRound({ at: new Date(event.ts ?? Date.now()) }));
    await step.sendEvent("publish-round-created", roundCreated.create({ roundId: statistics.round_id }));
    return statistics;
  },
);
