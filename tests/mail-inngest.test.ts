import assert from "node:assert/strict";
import { after, describe, test } from "node:test";

// The Inngest functions behind mail delivery, executed with @inngest/test against a real SMTP peer.
const { startTestSmtp } = await import("./support/smtp");
const smtp = await startTestSmtp();
process.env.SMTP_URL = smtp.url;
const { startApp } = await import("./support/app");
const { InngestTestEngine } = await import("@inngest/test");
const { deliverMailFunction } = await import("@/inngest/functions/deliver-mail");
const { sweepMailOutboxFunction } = await import("@/inngest/functions/sweep-mail-outbox");
const { db } = await import("@/db/client");
const { mailOutbox } = await import("@/db/schema");
const { eq, sql } = await import("drizzle-orm");
const { enqueueMail } = await import("@/lib/mail/outbox");
const { passwordResetMail } = await import("@/lib/mail/templates");

after(() => smtp.stop());

const queue = (to: string) => enqueueMail(db, passwordResetMail({ to, uid: "MQ", token: "c77vs0-df665b1cbbb7b899fadf2b69e1e9145a" }));
const rowOf = async (id: number) => (await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
const deliver = (mailId: number) =>
  new InngestTestEngine({ function: deliverMailFunction }).execute({ events: [{ name: "unimatch/mail.queued", data: { mailId } }] });

describe("Inngest mail functions", () => {
  test("deliver-mail sends a queued mail once, and a rerun of the event sends nothing more", async () => {
    await startApp();
    const mailId = await queue("inngest-once@example.com");
    const first = await deliver(mailId);
    assert.ifError(first.error);
    assert.deepEqual(first.result, { status: "sent" });
    await smtp.waitForMail("inngest-once@example.com");

    const again = await deliver(mailId);
    assert.ifError(again.error);
    assert.equal(smtp.mailsTo("inngest-once@example.com").length, 1);
    const row = await rowOf(mailId);
    assert.equal(row.status, "sent");
    assert.equal(row.textBody, "", "the one-time link is not kept after sending");
  });

  test("deliver-mail asks Inngest to retry at the outbox's next attempt while SMTP is down", async () => {
    await startApp();
    const mailId = await queue("inngest-retry@example.com");
    await smtp.stop();
    try {
      const { error } = await deliver(mailId);
      assert.ok(error, "the step fails so Inngest retries it");
      const row = await rowOf(mailId);
      assert.equal(row.status, "pending");
      assert.equal(row.attempts, 1);
      assert.ok(row.nextAttemptAt.getTime() > Date.now(), "backed off");
    } finally {
      await smtp.start();
    }
  });

  test("the sweep re-queues overdue pending mail as mail.queued events", async () => {
    await startApp();
    const mailId = await queue("inngest-sweep@example.com");
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() - interval '10 minutes'` })
      .where(eq(mailOutbox.id, mailId));
    const { result, error, ctx } = await new InngestTestEngine({ function: sweepMailOutboxFunction }).execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }] as never,
      // Inngest itself would receive the events; here the step is recorded instead of sent.
      steps: [{ id: "queue-mail", handler: () => ({ ids: [] }) }],
    });
    assert.ifError(error);
    assert.ok((result as { queued: number }).queued >= 1);
    const calls = (ctx.step.sendEvent as unknown as { mock: { calls: unknown[][] } }).mock.calls;
    const sent = calls.flatMap(
      ([, payload]) => (Array.isArray(payload) ? payload : [payload]) as Array<{ name: string; data: { mailId: number } }>,
    );
    assert.ok(sent.some((event) => event.name === "unimatch/mail.queued" && event.data.mailId === mailId));
  });
});
