import { cron } from "inngest";
import { dueMailIds, failStaleClaims } from "@/lib/mail/deliver";
import { inngest } from "../client";
import { mailQueued } from "../events";

/** Every five minutes: mail left pending (a lost event, a restart) is queued again; nothing is lost. */
export const sweepMailOutboxFunction = inngest.createFunction(
  { id: "sweep-mail-outbox", name: "Re-queue pending outbox mail", triggers: [cron("*/5 * * * *")] },
  async ({ step }) => {
    const mailIds = await step.run("find-due-mail", async () => {
      await failStaleClaims();
      return dueMailIds({ overdueMs: 60_000, limit: 1000 });
    });
    if (mailIds.length > 0)
      await step.sendEvent(
        "queue-mail",
        mailIds.map((mailId) => mailQueued.create({ mailId })),
      );
    return { queued: mailIds.length };
  },
);
