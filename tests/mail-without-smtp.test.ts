import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";

// Without SMTP_URL, in production (as every HTTP suite runs the app): each mail is logged once, by
// recipient and subject only, however many sweeps find it pending; `npm run mail:outbox` shows it
// whole. Log lines are captured from the console, where lib/log writes them.
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
const { startApp, stopApp } = await import("./support/app");
const { postJson, signUp } = await import("./support/requests");
const { db } = await import("../db/client");
const { mailOutbox } = await import("../db/schema");
const { eq, sql } = await import("drizzle-orm");
const { dueMailIds } = await import("../lib/mail/deliver");
const { mailDeliveriesSettled, sweepMailOutbox } = await import("@/lib/background/mail");

const root = path.resolve(import.meta.dirname, "..");

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

/** `npm run mail:outbox -- …args` against this file's database: exit status and output. */
async function mailOutboxCli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("npm", ["run", "--silent", "mail:outbox", "--", ...args], { cwd: root, env: process.env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

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
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() - interval '5 minutes'` })
      .where(eq(mailOutbox.id, mail.id));
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

  // Last: it stops the app so that the script, a separate process, can open the embedded database.
  test("npm run mail:outbox prints the latest mails, a pending one with its whole body and link", async () => {
    const { baseUrl } = await startApp();
    const pending = await signUp(baseUrl);
    const sent = await signUp(baseUrl);
    const pendingMail = await resetMailFor(baseUrl, pending.email);
    const sentMail = await resetMailFor(baseUrl, sent.email);
    // As delivery leaves a sent mail: bodies cleared.
    await db
      .update(mailOutbox)
      .set({ status: "sent", sentAt: new Date(), textBody: "", htmlBody: "" })
      .where(eq(mailOutbox.id, sentMail.id));
    const { url } = resetLinkIn(pendingMail.textBody);
    await stopApp();

    const byAddress = await mailOutboxCli("--to", pending.email.toUpperCase());
    assert.equal(byAddress.code, 0, byAddress.stderr);
    assert.ok(byAddress.stdout.includes(`mail #${pendingMail.id} · password_reset · pending`), byAddress.stdout);
    assert.ok(byAddress.stdout.includes(`To:      ${pending.email}`), byAddress.stdout);
    assert.ok(byAddress.stdout.includes(`Subject: ${pendingMail.subject}`), byAddress.stdout);
    assert.ok(byAddress.stdout.includes(`created ${pendingMail.createdAt.toISOString()}`), byAddress.stdout);
    assert.ok(byAddress.stdout.includes(pendingMail.textBody.trimEnd()), "the whole text body");
    assert.ok(byAddress.stdout.split("\n").includes(url), "the link on a line of its own");
    assert.ok(!byAddress.stdout.includes(sent.email));

    const latest = await mailOutboxCli("--limit", "1");
    assert.equal(latest.code, 0, latest.stderr);
    assert.ok(latest.stdout.includes(`mail #${sentMail.id} · password_reset · sent `), latest.stdout);
    assert.match(latest.stdout, /body cleared once sent/);
    assert.ok(!latest.stdout.includes(pending.email), "only the newest mail");

    const everything = await mailOutboxCli();
    assert.equal(everything.code, 0, everything.stderr);
    assert.ok(everything.stdout.indexOf(sent.email) < everything.stdout.indexOf(pending.email), "newest first");

    const wrong = await mailOutboxCli("--limit", "zero");
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Usage: npm run mail:outbox/);
  });
});
