import assert from "node:assert/strict";
import { describe, test } from "node:test";

// Without SMTP_URL, in production (as every HTTP suite runs the app): each mail is logged once, by
// recipient and subject only, however many sweeps find it pending. Log lines are captured from the
// console, where lib/log writes them.
const logged: string[] = [];
for (const method of ["log", "error"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    if (method === "error") original(...args);
  };
}

await import("./support/env");
process.env.LOG_LEVEL = "info";
for (const name of ["SMTP_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) delete process.env[name];
const { startApp } = await import("./support/app");
const { postJson, signUp } = await import("./support/requests");
const { db } = await import("../db/client");
const { mailOutbox } = await import("../db/schema");
const { eq, sql } = await import("drizzle-orm");
const { dueMailIds } = await import("../lib/mail/deliver");
const { mailDeliveriesSettled, sweepMailOutbox } = await import("../lib/mail/dispatch");

/** Asks for a password reset through the API and returns the outbox row it wrote, once its delivery settled. */
async function resetMailFor(baseUrl: string, email: string) {
  assert.equal((await postJson(baseUrl, "/auth/users/reset_password/", { email })).status, 204);
  await mailDeliveriesSettled();
  const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
  assert.equal(rows.length, 1);
  return rows[0]!;
}

/** The `{APP_URL}/password-reset/{uid}/{token}` link in a mail body, and its token. */
function resetLinkIn(text: string): { url: string; token: string } {
  const match = /(https?:\/\/\S+\/password-reset\/[A-Za-z0-9_-]+\/([0-9a-z]+-[0-9a-f]+))/.exec(text);
  assert.ok(match, `no reset link in: ${text}`);
  return { url: match[1]!, token: match[2]! };
}

const linesAbout = (mailId: number) => logged.filter((line) => line.includes(`"mailId":${mailId}`));

describe("mail without SMTP_URL", () => {
  test("a pending mail is logged once by recipient and subject, not again by later sweeps, never with its link", async () => {
    const { baseUrl } = await startApp();
    const account = await signUp(baseUrl);
    const mail = await resetMailFor(baseUrl, account.email);
    assert.equal(mail.status, "pending");
    const { url, token } = resetLinkIn(mail.textBody);

    const [line, ...more] = linesAbout(mail.id);
    assert.ok(line, `the mail was logged:\n${logged.join("\n")}`);
    assert.deepEqual(more, []);
    const fields = JSON.parse(line);
    assert.equal(fields.message, "mail kept in the outbox: SMTP_URL is not set");
    assert.equal(fields.to, account.email);
    assert.equal(fields.subject, mail.subject);

    // Overdue, as the minute sweeper looks for: two sweeps later it is still pending and logged once.
    await db.update(mailOutbox).set({ nextAttemptAt: sql`now() - interval '5 minutes'` }).where(eq(mailOutbox.id, mail.id));
    for (let sweep = 0; sweep < 2; sweep++) {
      await sweepMailOutbox({ overdueMs: 60_000 });
      await mailDeliveriesSettled();
    }
    assert.deepEqual(await dueMailIds({ overdueMs: 60_000 }), [], "the Inngest sweep finds nothing to queue either");
    assert.equal(linesAbout(mail.id).length, 1, linesAbout(mail.id).join("\n"));
    const [after] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id));
    assert.equal(after!.status, "pending", "kept for a start with SMTP_URL to deliver");
    assert.equal(after!.attempts, 0);
    assert.equal(after!.textBody, mail.textBody);

    const output = logged.join("\n");
    assert.ok(!output.includes(token), "production logs never hold the token");
    assert.ok(!output.includes(url));
    assert.doesNotMatch(output, /password-reset\//);
  });
});
