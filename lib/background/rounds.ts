// Background work that follows a commit (lib/background): handed to Inngest when it is configured,
// run in this process otherwise. This file: a round's announcements; mail.ts: outbox mail;
// round-scheduler.ts: the weekly round itself.
import { inngest, inngestConfigured } from "@/inngest/client";
import { roundCreated } from "@/inngest/events";
import { log } from "@/lib/log";
import { announceRoundInProcess, type DeliverySummary } from "./round-announcer";

export type { DeliverySummary } from "./round-announcer";

// Deliveries started in this process; kept on globalThis so the app's bundle and a test or CLI
// importing this module directly see the same set.
const key = Symbol.for("unimatch.jobs.running");
const holder = globalThis as unknown as { [key]?: Set<Promise<DeliverySummary | null>> };
const running: Set<Promise<DeliverySummary | null>> = (holder[key] ??= new Set());

/**
 * Announces a committed round. With Inngest configured this sends `unimatch/round.created` (its
 * functions fan out and deliver); otherwise the deliveries start in this process and run on after
 * this resolves, without holding up the caller (await them with waitForDeliveries). Never throws:
 * the round is already committed and its outbox rows stay pending, so a failure here is logged and a
 * later publish (the next run of the slot, an admin click) picks them up.
 */
export async function publishRoundCreated(roundId: number): Promise<void> {
  if (inngestConfigured()) {
    try {
      await inngest.send(roundCreated.create({ roundId }));
    } catch (error) {
      log.error("could not publish round.created to Inngest", { roundId, error: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const delivery = announceRoundInProcess({ roundId }).catch((error: unknown) => {
    log.error("in-process round announcement stopped", {
      roundId,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return null;
  });
  running.add(delivery);
  void delivery.finally(() => running.delete(delivery));
}

/** Resolves when every in-process delivery started so far (and any started meanwhile) has finished. */
export async function waitForDeliveries(): Promise<DeliverySummary[]> {
  const summaries: DeliverySummary[] = [];
  const awaited = new Set<Promise<DeliverySummary | null>>();
  for (;;) {
    const pending = [...running].filter((delivery) => !awaited.has(delivery));
    if (pending.length === 0) return summaries;
    for (const delivery of pending) awaited.add(delivery);
    for (const summary of await Promise.all(pending)) if (summary) summaries.push(summary);
  }
}
