import { NonRetriableError, RetryAfterError } from "inngest";
import { AnnouncementRetryLater, deliverAnnouncement } from "@/lib/matching/announcements";
import { inngest } from "../client";
import { announcementQueued } from "../events";

/**
 * Sends one round announcement through Telegram. Throttled under the Bot API's ~30 messages per
 * second; a 429 (or another retryable failure) comes back as RetryAfterError at the time the outbox
 * row is due again, so Inngest waits exactly as long as Telegram asked. deliverAnnouncement makes a
 * retried step safe: a row already sent is never sent again.
 */
export const deliverAnnouncementFunction = inngest.createFunction(
  {
    id: "deliver-announcement",
    name: "Deliver a round announcement",
    triggers: [announcementQueued],
    throttle: { limit: 25, period: "1s" },
    retries: 6,
  },
  async ({ event, step }) =>
    step.run("deliver", async () => {
      let outcome;
      try {
        outcome = await deliverAnnouncement({ notificationId: event.data.notificationId });
      } catch (error) {
        if (error instanceof AnnouncementRetryLater) throw new RetryAfterError(error.message, error.retryAt, { cause: error });
        throw error;
      }
      if (outcome.status === "not-due") throw new RetryAfterError("announcement not due yet", new Date(outcome.dueAt));
      if (outcome.status === "in-flight")
        throw new RetryAfterError("another attempt is sending this announcement", new Date(outcome.recheckAt));
      if (outcome.status === "failed") throw new NonRetriableError(`announcement failed: ${outcome.error}`);
      return outcome;
    }),
);
