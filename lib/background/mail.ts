import { inngest, inngestConfigured } from "@/inngest/client";
import { mailQueued } from "@/inngest/events";
import { log } from "@/lib/log";
import { deliverMail, dueMailIds } from "@/lib/mail/deliver";

// With Inngest configured, each mail becomes a `unimatch/mail.queued` event (inngest/functions/deliver-mail).
// Otherwise this is the in-process dispatcher: delivers after commit without
// holding up the response, and keeps retrying (with the outbox's backoff) until a mail is sent,
// failed for good, or left pending for lack of SMTP_URL. Kept on globalThis so the app's bundles and
// a test in the same process see the same deliveries in flight.

interface DispatcherState {
  inFlight: Set<Promise<void>>;
  active: Set<number>;
  sweeper: NodeJS.Timeout | null;
}

const key = Symbol.for("unimatch.mailDispatcher");
const holder = globalThis as unknown as { [key]?: DispatcherState };
const state: DispatcherState = (holder[key] ??= { inFlight: new Set(), active: new Set(), sweeper: null });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function deliverUntilSettled(mailId: number): Promise<void> {
  for (;;) {
    const outcome = await deliverMail({ mailId });
    if (outcome.status !== "retry" && outcome.status !== "not_due") return;
    await sleep(outcome.nextAttemptAt.getTime() - Date.now() + 50);
  }
}

function track(mailId: number): void {
  if (state.active.has(mailId)) return;
  state.active.add(mailId);
  const running = deliverUntilSettled(mailId)
    .catch((error: unknown) =>
      log.error("mail dispatch crashed", { mailId, error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      state.active.delete(mailId);
      state.inFlight.delete(running);
    });
  state.inFlight.add(running);
}

/** Starts delivering these outbox mails in the background; call after the transaction that wrote them committed. */
export function queueMailDelivery(mailIds: number[]): void {
  if (mailIds.length === 0) return;
  if (inngestConfigured()) {
    // A failed send leaves the mail pending; the outbox sweep function queues it again.
    void inngest
      .send(mailIds.map((mailId) => mailQueued.create({ mailId })))
      .catch((error: unknown) =>
        log.error("could not queue mail with Inngest", { mailIds, error: error instanceof Error ? error.message : String(error) }),
      );
    return;
  }
  for (const mailId of mailIds) track(mailId);
}

/** Queues every pending mail that is due (e.g. left behind by a restart or an SMTP outage). */
export async function sweepMailOutbox({ overdueMs = 0 }: { overdueMs?: number } = {}): Promise<number> {
  const ids = await dueMailIds({ overdueMs });
  queueMailDelivery(ids);
  return ids.length;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Sweeps the outbox at start and then every minute, so mail a crash or restart left pending is still
 * delivered (claims are atomic, so several instances sweeping is harmless). Only mail overdue by a
 * minute is swept: fresh mail is being delivered by the request that wrote it.
 */
export function startMailSweeper(): void {
  if (state.sweeper) return;
  const sweep = () =>
    void sweepMailOutbox({ overdueMs: SWEEP_EVERY_MS }).catch((error: unknown) =>
      log.warn("mail sweep failed", { error: error instanceof Error ? error.message : String(error) }),
    );
  state.sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  state.sweeper.unref();
  sweep();
}

/** Resolves once every delivery started in this process (retries included) has settled. */
export async function mailDeliveriesSettled(): Promise<void> {
  while (state.inFlight.size > 0) await Promise.allSettled([...state.inFlight]);
}
