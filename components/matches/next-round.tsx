import { env } from "@/lib/env";
import { nextSlot, roundTimeInWords } from "@/lib/matching/schedule";
import { Countdown } from "./countdown";

/** The live countdown to the next weekly round, from the schedule the API and the scheduler use. */
export function NextRound() {
  const next = nextSlot(new Date());
  const { when, zone } = roundTimeInWords(next);
  return <Countdown target={next.toISOString()} when={when} zone={zone} matchTimeZone={env.MATCH_TZ} />;
}
