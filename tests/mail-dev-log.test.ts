import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

// In development (`npm run dev`) without SMTP_URL, a mail is logged once in full, link included, so a
// developer can follow it. The production build always runs as production, so this file drives the
// domain functions directly in a process configured as development, on its own database.
const logged: string[] = [];
for (const method of ["log", "error"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    if (method === "error") original(...args);
  };
}

const { createTestDatabase, dropTestDatabase } = await import("./support/env");
Object.assign(process.env, { NODE_ENV: "development", LOG_LEVEL: "info" });
for (const name of ["SMTP_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) delete process.env[name];
const { closeDatabase, databaseKind, db, ensureDatabaseReady, migrateAndSeed } = await import("../db/client");
const { mailOutbox } = await import("../db/schema");
const { eq, sql } = await import("drizzle-orm");
const { env } = await import("../lib/env");
const { mailDeliveriesSettled, sweepMailOutbox } = await import("@/lib/background/mail");
const { requestPasswordReset } = await import("../lib/users/email-flows");
const { registerUser } = await import("../lib/users/service");
const { uniqueEmail, STRONG_PASSWORD } = await import("./support/requests");

before(async () => {
  await createTestDatabase();
  if (databaseKind() === "postgres") await migrateAndSeed();
  await ensureDatabaseReady();
});

after(async () => {
  await mailDeliveriesSettled();
  await closeDatabase();
  await dropTestDatabase();
});

describe("mail without SMTP_URL in development", () => {
  test("is logged once in full: recipient, subject and the text body with its link", async () => {
    assert.equal(env.NODE_ENV, "development");
    const email = uniqueEmail("dev-mail");
    await registerUser({
      input: { email, password: STRONG_PASSWORD, first_name: "", last_name: "", hobby: [] },
      withLegacyKey: false,
      ip: "127.0.0.1",
    });
    await requestPasswordReset({ email });
    await mailDeliveriesSettled();

    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    assert.ok(mail);
    const link = /^(http:\/\/localhost:3000\/password-reset\/[A-Za-z0-9_-]+\/[0-9a-z]+-[0-9a-f]+)$/m.exec(mail.textBody)?.[1];
    assert.ok(link, mail.textBody);

    const output = logged.join("\n");
    const lines = output.split("\n");
    assert.ok(lines.includes(link), `the link, on a line of its own, in:\n${output}`);
    assert.ok(lines.includes(`To:      ${email}`), output);
    assert.ok(lines.includes(`Subject: ${mail.subject}`), output);
    assert.ok(output.includes(mail.textBody.trimEnd()), "the whole text body");
    assert.match(output, /"message":"mail kept in the outbox: SMTP_URL is not set"/);

    // The minute sweeper's later sweeps do not print it again.
    await db
      .update(mailOutbox)
      .set({ nextAttemptAt: sql`now() - interval '5 minutes'` })
      .where(eq(mailOutbox.id, mail.id));
    for (let sweep = 0; sweep < 2; sweep++) {
      await sweepMailOutbox({ overdueMs: 60_000 });
      await mailDeliveriesSettled();
    }
    assert.equal(logged.join("\n").split(link).length - 1, 1, "the link is printed once");
  });
});
