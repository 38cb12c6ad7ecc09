// Two app processes (`next start` on the production build) on ONE PostgreSQL database, as a
// deployment with two instances behind a load balancer: what one instance counts, rotates, runs or
// sends, the other must see. Rate limits are shared, a slot's round runs once when both schedulers
// tick, every Telegram announcement and mail goes out once, and refresh-token rotation and reuse
// detection hold across instances. The embedded PGlite database belongs to one process, so this file
// needs TEST_DATABASE_URL (CI runs the suite on PostgreSQL too).
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestDatabase, dropTestDatabase } from "./support/env";
import { startAppProcesses, stopAppProcesses, type AppProcess } from "./support/app-processes";
import { startFakeTelegram, type FakeTelegram } from "./support/fake-telegram";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { get, postJson, STRONG_PASSWORD, uniqueEmail, type Reply } from "./support/requests";
import { assert401, refreshRejectedBody, WRONG_CREDENTIALS_BODY } from "./support/tokens";
import { eq, inArray, sql } from "drizzle-orm";
import { closeDatabase, db, migrateAndSeed } from "@/db/client";
import { mailOutbox, matchGroupMembers, matchGroups, matchNotifications, matchRounds, users } from "@/db/schema";

const skip = process.env.TEST_DATABASE_URL
  ? false
  : "needs a PostgreSQL server (TEST_DATABASE_URL): two app processes cannot share the embedded PGlite database";

/** Sign-ups per client address per hour in both instances (the test suites' default is 0, no limit). */
const SIGNUP_LIMIT = 3;
const REUSE_GRACE_MS = 3000;
/**
 * When both instances' schedulers start the round: a one-off slot this far after they are spawned.
 * The participants sign up first (a few seconds); the round then runs while the other tests go on,
 * and is checked last.
 */
const TICK_AFTER_MS = 20_000;
/** Overdue outbox mails both instances find when they start (as a crash or an SMTP outage leaves them). */
const LEFT_IN_OUTBOX = 4;
const PARTICIPANTS = 10;
/** After the last expected message: how long a duplicate gets to show up before the count is final. */
const SETTLE_MS = 2000;

const BLACKLISTED = refreshRejectedBody("Token is blacklisted");

// The test plays the load balancer in front of both instances: one trusted proxy hop that appends
// the client's address, so X-Forwarded-For says which client a request comes from (TRUSTED_PROXY_HOPS=1).
let addressCounter = 0;
/** A client address no other request of this file uses. */
const newClientAddress = () => `198.18.${Math.floor(++addressCounter / 250)}.${(addressCounter % 250) + 1}`;
const from = (address: string) => ({ headers: { "x-forwarded-for": address } });

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The contract's 429 with a Retry-After. */
function assertThrottled(reply: Reply, context: string): void {
  assert.equal(reply.status, 429, `${context}: expected 429, got ${reply.status}: ${reply.text}`);
  assert.match(reply.headers.get("retry-after") ?? "", /^\d+$/, context);
  assert.match(reply.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/, context);
}

function suite(): void {
  let a: AppProcess;
  let b: AppProcess;
  let instances: AppProcess[] = [];
  let telegram: FakeTelegram | null = null;
  let smtp: TestSmtp | null = null;
  let tick: Date;
  let releaseOutboxLock: () => void = () => {};
  let outboxLock: Promise<unknown> = Promise.resolve();
  const leftInOutbox: string[] = [];
  const participantChats = new Map<number, string>();
  const dataDirs: string[] = [];

  async function signUpOn(app: AppProcess, fields: Record<string, unknown> = {}) {
    const email = uniqueEmail("two");
    const reply = await postJson(app.baseUrl, "/api/register/", { email, password: STRONG_PASSWORD, ...fields }, from(newClientAddress()));
    assert.equal(reply.status, 201, `sign-up on ${app.name}: ${reply.text}`);
    return { id: reply.body.user.id as number, email };
  }

  const login = (app: AppProcess, email: string, password: string, address: string) =>
    postJson(app.baseUrl, "/api/token/", { email, password }, from(address));
  const refresh = (app: AppProcess, token: string) => postJson(app.baseUrl, "/api/token/refresh/", { refresh: token });

  before(async () => {
    telegram = await startFakeTelegram();
    smtp = await startTestSmtp();
    await createTestDatabase();
    await migrateAndSeed();

    // Mail a crash left pending, overdue: each instance sweeps it when it starts. The rows are held
    // locked until both instances' claims wait on them, so the two claims really race.
    for (let index = 0; index < LEFT_IN_OUTBOX; index++) leftInOutbox.push(uniqueEmail("left"));
    const left = await db
      .insert(mailOutbox)
      .values(
        leftInOutbox.map((to) => ({
          kind: "password_reset",
          toAddress: to,
          subject: "Сброс пароля",
          textBody: `Письмо для ${to}`,
          htmlBody: `<p>Письмо для ${to}</p>`,
          nextAttemptAt: new Date(Date.now() - 5 * 60_000),
        })),
      )
      .returning({ id: mailOutbox.id });
    let locked: () => void = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (releaseOutboxLock = resolve));
    outboxLock = db.transaction(async (tx) => {
      await tx.execute(
        sql`select id from ${mailOutbox} where ${inArray(
          mailOutbox.id,
          left.map((row) => row.id),
        )} for update`,
      );
      locked();
      await released;
    });
    await lockTaken;

    // A one-off slot (second, minute, hour, day, month in UTC) that both schedulers reach at the same moment.
    tick = new Date(Math.ceil((Date.now() + TICK_AFTER_MS) / 1000) * 1000);
    const schedule = [tick.getUTCSeconds(), tick.getUTCMinutes(), tick.getUTCHours(), tick.getUTCDate(), tick.getUTCMonth() + 1, "*"];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      // Only the test runner's own hook; `npm start` has no NODE_OPTIONS of its own.
      NODE_OPTIONS: (process.env.NODE_OPTIONS ?? "")
        .split(" ")
        .filter((option) => !option.includes("server-only-hook"))
        .join(" "),
      TRUSTED_PROXY_HOPS: "1",
      SIGNUP_LIMIT_PER_IP: String(SIGNUP_LIMIT),
      REFRESH_REUSE_GRACE: `${REUSE_GRACE_MS / 1000}s`,
      MATCH_SCHEDULE: schedule.join(" "),
      MATCH_TZ: "UTC",
      TELEGRAM_BOT_TOKEN: "123456:TEST-two-instances",
      TELEGRAM_API_ROOT: telegram.apiRoot,
      SMTP_URL: smtp.url,
      MAIL_FROM: "UniMatch <noreply@unimatch.test>",
      LOG_LEVEL: "info",
    };
    // Without Inngest each instance runs the schedule, the outbox sweep and the deliveries itself.
    for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) delete env[name];
    for (const name of ["a", "b"]) dataDirs.push(mkdtempSync(path.join(os.tmpdir(), `unimatch-instance-${name}-`)));
    instances = await startAppProcesses(["instance A", "instance B"], env, {
      timeoutMs: 60_000,
      envFor: (index) => ({ DATA_DIR: dataDirs[index]! }),
    });
    [a, b] = instances as [AppProcess, AppProcess];

    // The round's participants, signed up on either instance, with Telegram linked (as the bot's /start does).
    const base = randomInt(100_000_000, 900_000_000);
    for (let index = 0; index < PARTICIPANTS; index++) {
      const person = await signUpOn(index % 2 === 0 ? a : b, { first_name: `Участник ${index}`, hobby: [1 + (index % 3)] });
      const chatId = String(base + index);
      await db.update(users).set({ chatId }).where(eq(users.id, person.id));
      participantChats.set(person.id, chatId);
    }
    assert.ok(
      Date.now() < tick.getTime() - 1000,
      `the participants must be in before the round at ${tick.toISOString()} (raise TICK_AFTER_MS)`,
    );
  });

  after(async () => {
    releaseOutboxLock();
    await outboxLock.catch(() => {});
    const problems: unknown[] = [];
    await stopAppProcesses(instances).catch((error: unknown) => problems.push(error));
    await Promise.all([telegram?.close(), smtp?.stop()]);
    await closeDatabase();
    await dropTestDatabase();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    if (problems.length > 0) throw problems[0];
  });

  test("mail left pending is sent once, though both instances sweep the outbox when they start", async () => {
    // Each instance claims each overdue mail once (its dispatcher never runs one mail twice), so
    // twice as many claims waiting on the locked rows means both instances are racing for them.
    await waitFor(`both instances' claims on the ${LEFT_IN_OUTBOX} locked mails`, 20_000, async () => {
      const [row] = await db.execute<{ waiting: number }>(sql`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update "mail_outbox"%'`);
      return Number(row?.waiting) >= 2 * LEFT_IN_OUTBOX;
    });
    releaseOutboxLock();
    await outboxLock;

    await waitFor("the left mails", 15_000, async () => leftInOutbox.every((to) => smtp!.mailsTo(to).length > 0));
    await sleep(SETTLE_MS);
    for (const to of leftInOutbox) assert.equal(smtp!.mailsTo(to).length, 1, `mails to ${to}`);
    const rows = await db.select().from(mailOutbox).where(inArray(mailOutbox.toAddress, leftInOutbox));
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts]),
      leftInOutbox.map(() => ["sent", 1]),
    );
  });

  test("failed logins of one account count on both instances: the 11th attempt is refused on either", async () => {
    const user = await signUpOn(a);
    const address = newClientAddress();
    for (let attempt = 0; attempt < 10; attempt++) {
      const app = attempt % 2 === 0 ? a : b;
      assert401(await login(app, user.email, `Wrong-password-${attempt}`, address), WRONG_CREDENTIALS_BODY);
    }
    // Each instance has seen five failures: only a shared count is at the limit.
    for (const app of instances) assertThrottled(await login(app, user.email, STRONG_PASSWORD, address), `right password on ${app.name}`);
  });

  test("failed logins from one address count on both instances: past 100 the address is refused on either", async () => {
    const address = newClientAddress();
    const guesses = Array.from({ length: 100 }, (_, index) => ({ app: index % 2 === 0 ? a : b, email: uniqueEmail("ghost") }));
    const inFlight = 8;
    for (let start = 0; start < guesses.length; start += inFlight) {
      const replies = await Promise.all(
        guesses.slice(start, start + inFlight).map(({ app, email }) => login(app, email, "Any-password-1", address)),
      );
      for (const reply of replies) assert401(reply, WRONG_CREDENTIALS_BODY);
    }
    const user = await signUpOn(b);
    for (const app of instances) {
      assertThrottled(await login(app, uniqueEmail("ghost"), "Any-password-1", address), `101st failure on ${app.name}`);
      assertThrottled(await login(app, user.email, STRONG_PASSWORD, address), `right password on ${app.name}`);
    }
    assert.equal((await login(a, user.email, STRONG_PASSWORD, newClientAddress())).status, 200, "another address still logs in");
  });

  test(`sign-ups from one address count on both instances: the ${SIGNUP_LIMIT + 1}th is refused on either`, async () => {
    const address = newClientAddress();
    const activationTo = uniqueEmail("activate");
    const accepted = [
      await postJson(a.baseUrl, "/api/register/", { email: uniqueEmail(), password: STRONG_PASSWORD }, from(address)),
      await postJson(
        b.baseUrl,
        "/auth/users/",
        { email: activationTo, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD },
        from(address),
      ),
      await postJson(a.baseUrl, "/users/api/register/", { email: uniqueEmail(), password: STRONG_PASSWORD }, from(address)),
    ];
    assert.deepEqual(
      accepted.map((reply) => reply.status),
      [201, 201, 201],
      accepted.map((reply) => reply.text).join("\n"),
    );
    const refusedEmail = uniqueEmail("refused");
    assertThrottled(await postJson(b.baseUrl, "/api/register/", { email: refusedEmail, password: STRONG_PASSWORD }, from(address)), "on B");
    assertThrottled(
      await postJson(
        a.baseUrl,
        "/auth/users/",
        { email: refusedEmail, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD },
        from(address),
      ),
      "on A",
    );
    assert.equal((await db.select().from(users).where(eq(users.email, refusedEmail))).length, 0);
    await smtp!.waitForMail(activationTo);
    await sleep(SETTLE_MS);
    assert.equal(smtp!.mailsTo(activationTo).length, 1, "one activation mail");
    assert.equal(smtp!.mailsTo(refusedEmail).length, 0);
  });

  test("refresh tokens rotated on one instance are known on the other, reuse included", async () => {
    const user = await signUpOn(b);
    const first = await login(a, user.email, STRONG_PASSWORD, newClientAddress());
    assert.equal(first.status, 200, first.text);

    // Rotated on A; within the grace window B hands out the very same successor, so B sees A's rotation.
    const second = await refresh(a, first.body.refresh);
    assert.equal(second.status, 200, second.text);
    const graceAnswer = await refresh(b, first.body.refresh);
    assert.equal(graceAnswer.status, 200, graceAnswer.text);
    assert.equal(graceAnswer.body.refresh, second.body.refresh);
    // The new token works on B (and is rotated there); its access token works on A.
    const third = await refresh(b, second.body.refresh);
    assert.equal(third.status, 200, third.text);
    assert.equal((await get(a.baseUrl, "/auth/users/me/", { access: third.body.access })).body.id, user.id);

    // A second session: rotated on A, its successor verified live on B.
    const otherLogin = await login(b, user.email, STRONG_PASSWORD, newClientAddress());
    const rotated = await refresh(a, otherLogin.body.refresh);
    assert.equal(rotated.status, 200, rotated.text);
    assert.equal((await postJson(b.baseUrl, "/api/token/verify/", { token: rotated.body.refresh })).status, 200);

    await sleep(REUSE_GRACE_MS + 500);
    // Reuse after the grace window, each on the instance that did not rotate the token: the whole family goes.
    assert401(await refresh(a, second.body.refresh), BLACKLISTED);
    for (const app of instances) assert401(await refresh(app, third.body.refresh), BLACKLISTED);
    assert401(await refresh(b, otherLogin.body.refresh), BLACKLISTED);
    for (const app of instances) assert401(await refresh(app, rotated.body.refresh), BLACKLISTED);
  });

  test("password-reset mails asked for on either instance are each sent once", async () => {
    const people = [await signUpOn(a), await signUpOn(b), await signUpOn(a), await signUpOn(b)];
    await Promise.all(
      people.map((person, index) =>
        postJson((index % 2 === 0 ? b : a).baseUrl, "/api/auth/users/reset_password/", { email: person.email }).then((reply) =>
          assert.equal(reply.status, 204, reply.text),
        ),
      ),
    );
    for (const person of people) await smtp!.waitForMail(person.email);
    await sleep(SETTLE_MS);
    for (const person of people) assert.equal(smtp!.mailsTo(person.email).length, 1, `mails to ${person.email}`);
  });

  test("both schedulers tick for the same slot: one round, one announcement per participant", async () => {
    const [round] = await waitFor(`the round of ${tick.toISOString()}`, Math.max(0, tick.getTime() - Date.now()) + 30_000, async () => {
      const rows = await db.select().from(matchRounds).where(eq(matchRounds.slot, tick));
      return rows.length > 0 && rows;
    });
    assert.equal((await db.select().from(matchRounds)).length, 1, "one round in all");

    // Both instances ran the slot (their log says so); only one of them created it.
    const reports = await waitFor("both instances' reports of the round", 15_000, async () => {
      const found = instances.map((app) => app.logEntries().filter((entry) => entry.message === "weekly round"));
      return found.every((entries) => entries.length > 0) && found;
    });
    for (const entries of reports) {
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.round_id, round!.id);
    }
    assert.deepEqual(reports.map((entries) => entries[0]!.created).sort(), [false, true]);

    const members = await db
      .select({ userId: matchGroupMembers.userId })
      .from(matchGroupMembers)
      .where(eq(matchGroupMembers.roundId, round!.id));
    assert.equal(new Set(members.map((member) => member.userId)).size, members.length, "nobody is in two groups");
    for (const userId of participantChats.keys())
      assert.ok(
        members.some((member) => member.userId === userId),
        `user ${userId} is matched`,
      );
    const groups = await db.select().from(matchGroups).where(eq(matchGroups.roundId, round!.id));
    assert.equal(groups.length, Math.floor(members.length / 2));

    const expectedChats = [...participantChats.values()].sort();
    await waitFor("every announcement", 20_000, async () => telegram!.sent().length >= expectedChats.length);
    await sleep(SETTLE_MS);
    assert.deepEqual(
      telegram!
        .sent()
        .map((message) => message.chatId)
        .sort(),
      expectedChats,
      "one message per participant",
    );
    const notifications = await db.select().from(matchNotifications).where(eq(matchNotifications.roundId, round!.id));
    assert.deepEqual(
      notifications.map((row) => [row.status, row.attempts]),
      expectedChats.map(() => ["sent", 1]),
    );

    // The staff endpoint on both instances at the same moment: the slot's round, again, and nothing new sent.
    const staff = await signUpOn(a);
    await db.update(users).set({ isStaff: true }).where(eq(users.id, staff.id));
    const staffLogin = await login(b, staff.email, STRONG_PASSWORD, newClientAddress());
    const answers = await Promise.all(
      instances.map((app) => postJson(app.baseUrl, "/api/admin-api/create-pairs/", {}, { access: staffLogin.body.access })),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.round_id, round!.id);
    }
    await sleep(SETTLE_MS);
    assert.equal((await db.select().from(matchRounds)).length, 1);
    assert.equal((await db.select().from(matchGroups).where(eq(matchGroups.roundId, round!.id))).length, groups.length);
    assert.equal(telegram!.sent().length, expectedChats.length, "no message sent again");
  });

  test("every mail of the outbox went out exactly once", async () => {
    const rows = await db.select({ to: mailOutbox.toAddress, status: mailOutbox.status }).from(mailOutbox);
    assert.ok(rows.length >= LEFT_IN_OUTBOX + 5);
    assert.deepEqual(
      rows.filter((row) => row.status !== "sent"),
      [],
    );
    const received = smtp!.received.flatMap((mail) => mail.to).sort();
    assert.deepEqual(received, rows.map((row) => row.to.toLowerCase()).sort());
  });

  test("neither instance logged an error", () => {
    for (const app of instances) {
      const errors = app.logEntries().filter((entry) => entry.level === "error");
      assert.deepEqual(errors, [], `${app.name} logged errors`);
    }
  });
}

const NAME = "two instances on one database";
// A skipped test rather than a skipped suite: the runner's summary then counts it as skipped.
if (skip) test(NAME, { skip });
else describe(NAME, { timeout: 150_000 }, suite);
