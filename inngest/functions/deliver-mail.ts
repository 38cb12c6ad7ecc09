import { NonRetriableError, RetryAfterError } from "inngest";
import { deliverMail } from "@/lib/mail/deliver";
import { inngest } from "../client";
import { mailQueued } from "../events";

/**
 * Sends one outbox mail. deliverMail claims the row atomically, so a retried step never sends a mail
 * twice; a failed send comes back as RetryAfterError at the row's next attempt (the outbox's backoff).
 */
export const deliverMailFunction = inngest.createFunction(
  { id: "deliver-mail", name: "Deliver an outbox mail", triggers: [mailQueued], retries: 8 },
  async ({ event, step }) =>
    step.run("deliver", async () => {
      const outcome = await deliverMail({ mailId: event.data.mailId });
      if (outcome.status === "retry" || outcome.status === "not_due") {
        throw new RetryAfterError("mail not delivered yet", outcome.nextAttemptAt);
      }
      if (outcome.status === "failed") throw new NonRetriableError("mail delivery gave up after its attempts");
      return outcome;
    }),
);
