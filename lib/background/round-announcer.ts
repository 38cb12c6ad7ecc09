import { log } from "@/lib/log";
import { AnnouncementRetryLater, deliverAnnouncement, dueAnnouncementIds, type DeliveryOutcome } from "@/lib/matching/announcements";

// Deliveries of a round without Inngest: the same outbox rows and the same deliverAnnouncement, with
// the throttling and retry timing Inngest would otherwise provide.

/** Under Telegram's ~30 messages per second for one bot. */
const SENDS_PER_SECOND = 25;
/** Retries of errors outside the send itself (e.g. the database briefly unreachable). */
const MAX_LOCAL_ERRORS = 5;

export interface DeliverySummary {
  roundId: number;
  sent: number;
  alreadyDone: number;
  failed: number;
  /** Left pending (another worker holds the claim, no bot configured, or repeated local errors). */
  leftPending: number;
}

interface Pacer {
  nextStartAt: number;
  pausedUntil: number;
}

// One pacer per process (per bot), shared by concurrent announcers and by every bundle of this module.
const pacerKey = Symbol.for("unimatch.announcer.pacer");
const holder = globalThis as unknown as { [pacerKey]?: Pacer };
const pacer: Pacer = (holder[pacerKey] ??= { nextStartAt: 0, pausedUntil: 0 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function takeTurn(): Promise<void> {
  for (;;) {
    const now = Date.now();
    const start = Math.max(now, pacer.nextStartAt, pacer.pausedUntil);
    if (start <= now) {
      pacer.nextStartAt = now + 1000 / SENDS_PER_SECOND;
      return;
    }
    await sleep(start - now);
  }
}

interface Item {
  id: number;
  dueAt: number;
  localErrors: number;
}

/**
 * Delivers every due announcement of a round in this process, one at a time so that a 429 stops the
 * very next send: at most SENDS_PER_SECOND, a 429 pausing every announcer of the process until
 * Telegram's retry_after, a retryable failure retried when its row is due again. Bounded: each row
 * has at most MAX_ATTEMPTS sends (deliverAnnouncement gives up after), and other errors are retried
 * MAX_LOCAL_ERRORS times before the row is left pending for a later run.
 */
export async function announceRoundInProcess({ roundId }: { roundId: number }): Promise<DeliverySummary> {
  const summary: DeliverySummary = { roundId, sent: 0, alreadyDone: 0, failed: 0, leftPending: 0 };
  const queue: Item[] = (await dueAnnouncementIds({ roundId })).map((id) => ({ id, dueAt: 0, localErrors: 0 }));

  for (;;) {
    queue.sort((a, b) => a.dueAt - b.dueAt);
    const item = queue.shift();
    if (!item) return summary;
    await sleep(item.dueAt - Date.now());
    await takeTurn();
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliverAnnouncement({ notificationId: item.id });
    } catch (error) {
      if (error instanceof AnnouncementRetryLater) {
        if (error.rateLimited) pacer.pausedUntil = Math.max(pacer.pausedUntil, error.retryAt.getTime());
        queue.push({ ...item, dueAt: error.retryAt.getTime() });
      } else if (item.localErrors + 1 < MAX_LOCAL_ERRORS) {
        log.warn("match announcement delivery error, retrying", { notificationId: item.id, error: String(error) });
        queue.push({ ...item, localErrors: item.localErrors + 1, dueAt: Date.now() + 1000 * 2 ** item.localErrors });
      } else {
        log.error("match announcement left pending after repeated errors", { notificationId: item.id, error: String(error) });
        summary.leftPending++;
      }
      continue;
    }
    if (outcome.status === "sent") summary.sent++;
    else if (outcome.status === "already-sent" || outcome.status === "already-failed") summary.alreadyDone++;
    else if (outcome.status === "failed") summary.failed++;
    else if (outcome.status === "not-due") queue.push({ ...item, dueAt: Date.parse(outcome.dueAt) });
    else summary.leftPending++; // in flight in another worker, deleted, or no bot configured
  }
}
