import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

// A real SMTP server first: SMTP_URL must be set before the app's modules read the environment.
const { startTestSmtp, linkIn } = await import("./support/smtp");
const smtp = await startTestSmtp();
process.env.SMTP_URL = smtp.url;
const { startApp } = await import("./support/app");
const { postJson, signUp, uniqueEmail } = await import("./support/requests");
const { db } = await import("../db/client");
const { mailOutbox } = await import("../db/schema");
const { eq, sql } = await import("drizzle-orm");
const { deliverMail, MAX_ATTEMPTS } = await import("../lib/mail/deliver");
const { mailDeliveriesSettled, sweepMailOutbox } = await import("@/lib/background/mail");
const { enqueueMail } = await import("../lib/mail/outbox");
const { passwordResetMail } = await import("../lib/mail/templates");

after(async () => {
  await mailDeliveriesSettled();
  await smtp.stop();
});

async function outboxRowsTo(address: string) {
  return db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(mailOutbox.id);
}

async function testMail(to: string): Promise<number> {
  return enqueueMail(db, passwordResetMail({ to, uid: "MQ", token: "c77vs0-df665b1cbbb7b899fadf2b69e1e9145a" }));
}

describe("mail outbox delivery", () => {
  test("SMTP down: the mail stays pending and is delivered once when the server is back", async () => {
    const { baseUrl } = await startApp();
    const account = await signUp(baseUrl);
    await smtp.stop();
    assert.equal((await postJson(baseUrl, "/auth/users/reset_password/", { email: account.email })).status, 204);

    // The first attempt fails against the dead server and is rescheduled, nothing is lost.
    let row = (await outboxRowsTo(account.email))[0];
    for (let waited = 0; !(row && row.attempts >= 1 && row.status === "pending") && waited < 15_000; waited += 50) {
      await sleep(50);
      row = (await outboxRowsTo(account.email))[0];
    }
    assert.ok(row, "the mail was written to the outbox");
    assert.equal(row.status, "pending");
    assert.ok(row.attempts >= 1);
    assert.ok(row.lastError, "the failure is recorded");
    assert.match(row.textBody, /\/password-reset\//, "the body is kept until sent");
    assert.equal(smtp.mailsTo(account.email).length, 0);

    await smtp.start();
    await mailDeliveriesSettled();
    const mails = smtp.mailsTo(account.email);
    assert.equal(mails.length, 1);
    const link = linkIn(mails[0]!, "/password-reset");

    const [sent] = await outboxRowsTo(account.email);
    assert.equal(sent!.status, "sent");
    assert.ok(sent!.sentAt);
    assert.equal(sent!.textBody, "", "bodies with one-time links are cleared once sent");
    assert.equal(sent!.htmlBody, "");

    // Delivering it again (a duplicate event, a sweep) sends nothing.
    assert.deepEqual(await deliverMail({ mailId: sent!.id }), { status: "skipped" });
    assert.equal(await sweepMailOutbox(), 0);
    await mailDeliveriesSettled();
    assert.equal(smtp.mailsTo(account.email).length, 1);

    // And the link it carried works.
    const confirmed = await postJson(baseUrl, "/auth/users/reset_password_confirm/", {
      ...link,
      url: undefined,
      new_password: "Nebo-Zvezda-77!",
    });
    assert.equal(confirmed.status, 204, confirmed.text);
  });

  test("concurrent deliveries of one mail send it exactly once", async () => {
    await startApp();
    const address = uniqueEmail("concurrent");
    const mailId = await testMail(address);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => deliverMail({ mailId })));
    assert.equal(outcomes.filter((outcome) => outcome.status === "sent").length, 1);
    assert.equal(outcomes.filter((outcome) => outcome.status === "skipped").length, 4);
    await sleep(100);
    assert.equal(smtp.mailsTo(address).length, 1);
  });

  test("a mail claimed by a delivery that died is marked failed, never resent", async () => {
    await startApp();
    const address = uniqueEmail("stale");
    const mailId = await testMail(address);
    await db
      .update(mailOutbox)
      .set({ status: "sending", attempts: 1, claimedAt: sql`now() - interval '11 minutes'` })
      .where(eq(mailOutbox.id, mailId));
    assert.deepEqual(await deliverMail({ mailId }), { status: "skipped" });
    const [row] = await outboxRowsTo(address);
    assert.equal(row!.status, "failed");
    assert.equal(row!.textBody, "");
    assert.equal(smtp.mailsTo(address).length, 0);
  });

  test("a mail that a claim holds right now is left alone", async () => {
    await startApp();
    const address = uniqueEmail("claimed");
    const mailId = await testMail(address);
    await db.update(mailOutbox).set({ status: "sending", attempts: 1, claimedAt: new Date() }).where(eq(mailOutbox.id, mailId));
    assert.deepEqual(await deliverMail({ mailId }), { status: "skipped" });
    const [row] = await outboxRowsTo(address);
    assert.equal(row!.status, "sending");
    assert.equal(smtp.mailsTo(address).length, 0);
  });

  test("without a transport the mail is kept pending, untouched", async () => {
    await startApp();
    const address = uniqueEmail("no-smtp");
    const mailId = await testMail(address);
    assert.deepEqual(await deliverMail({ mailId, transport: null }), { status: "no_transport" });
    const [row] = await outboxRowsTo(address);
    assert.equal(row!.status, "pending");
    assert.equal(row!.attempts, 0);
    assert.notEqual(row!.textBody, "");
  });

  test("a mail that keeps failing backs off and is given up after MAX_ATTEMPTS", async () => {
    await startApp();
    const address = uniqueEmail("bounce");
    const mailId = await testMail(address);
    const broken = {
      send: async () => {
        throw new Error("550 mailbox unavailable");
      },
    };
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const outcome = await deliverMail({ mailId, transport: broken });
      if (attempt < MAX_ATTEMPTS) {
        assert.equal(outcome.status, "retry");
        if (outcome.status === "retry") delays.push(outcome.nextAttemptAt.getTime() - Date.now());
        // Not due yet: a second delivery right now does nothing.
        assert.equal((await deliverMail({ mailId, transport: broken })).status, "not_due");
        await db
          .update(mailOutbox)
          .set({ nextAttemptAt: sql`now()` })
          .where(eq(mailOutbox.id, mailId));
      } else {
        assert.deepEqual(outcome, { status: "failed" });
      }
    }
    for (let index = 1; index < delays.length; index++)
      assert.ok(delays[index]! > delays[index - 1]!, `backoff grows: ${delays.join(", ")}`);
    const [row] = await outboxRowsTo(address);
    assert.equal(row!.status, "failed");
    assert.equal(row!.attempts, MAX_ATTEMPTS);
    assert.equal(row!.lastError, "550 mailbox unavailable");
    assert.equal(row!.textBody, "");
  });

  test("the sweep delivers mail a restart left pending, and leaves fresh mail to its writer", async () => {
    await startApp();
    const leftBehind = uniqueEmail("left-behind");
    const fresh = uniqueEmail("fresh");
    const oldId = await testMail(leftBehind);
    await testMail(fresh);
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() - interval '5 minutes'` })
      .where(eq(mailOutbox.id, oldId));
    assert.ok((await sweepMailOutbox({ overdueMs: 60_000 })) >= 1);
    await mailDeliveriesSettled();
    assert.equal(smtp.mailsTo(leftBehind).length, 1);
    assert.equal(smtp.mailsTo(fresh).length, 0);
  });
});
