import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

// Imported in sequence, not statically: the proxy must rewrite TEST_DATABASE_URL before the
// harness creates this file's database (static imports with top-level await may interleave).
const { databaseProxy } = await import("./support/db-proxy");
const { configureTelegram, messageUpdate, postUpdate, telegramId } = await import("./support/telegram");
await configureTelegram();
const { startApp } = await import("./support/app");
const { request, signUp, uniqueEmail, STRONG_PASSWORD } = await import("./support/requests");
const { runScheduledRound } = await import("@/lib/background/round-scheduler");
const { currentSlot } = await import("@/lib/matching/schedule");
const { db } = await import("@/db/client");
const { matchRounds } = await import("@/db/schema");
const { eq } = await import("drizzle-orm");

const skip = databaseProxy.active ? false : "needs TEST_DATABASE_URL: the embedded database cannot stall or refuse";

interface Timed {
  name: string;
  status: number;
  retryAfter: string | null;
  body: unknown;
  ms: number;
}

/** The requests a student's client makes, covering reads, a login (argon2 after a lookup) and a sign-up (a transaction). */
async function everyKindOfRequest(baseUrl: string, access: string, email: string): Promise<Timed[]> {
  const calls: Array<[string, string, string, Parameters<typeof request>[3]]> = [
    ["pairs", "GET", "/api/pairs/", { access }],
    ["hobby total", "GET", "/users/api/hobby/total/", { access }],
    ["me", "GET", "/auth/users/me/", { access }],
    ["login", "POST", "/api/token/", { json: { email, password: STRONG_PASSWORD } }],
    [
      "sign-up",
      "POST",
      "/users/api/register/",
      { json: { email: uniqueEmail("outage"), password: STRONG_PASSWORD, first_name: "Аня", last_name: "Ли" } },
    ],
    ["health", "GET", "/api/health", {}],
  ];
  return Promise.all(
    calls.map(async ([name, method, path, options]) => {
      const started = performance.now();
      const reply = await request(baseUrl, method, path, { ...options, signal: AbortSignal.timeout(15_000) });
      return {
        name,
        status: reply.status,
        retryAfter: reply.headers.get("retry-after"),
        body: reply.body,
        ms: performance.now() - started,
      };
    }),
  );
}

function assertFastUnavailable(replies: Timed[], withinMs: number): void {
  for (const reply of replies) {
    assert.equal(reply.status, 503, `${reply.name} answered ${reply.status} ${JSON.stringify(reply.body)}`);
    assert.ok(reply.ms < withinMs, `${reply.name} took ${Math.round(reply.ms)} ms (limit ${withinMs})`);
    if (reply.name === "health") continue;
    assert.ok(Number(reply.retryAfter) >= 1, `${reply.name} has no Retry-After`);
    assert.equal(typeof (reply.body as { error?: unknown }).error, "string", `${reply.name}: ${JSON.stringify(reply.body)}`);
  }
}

/** Polls until every kind of request succeeds again; returns how long that took after the database came back. */
async function waitForRecovery(baseUrl: string, access: string, email: string, limitMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const replies = await everyKindOfRequest(baseUrl, access, email);
    if (replies.every((reply) => reply.status < 300)) return performance.now() - started;
    assert.ok(
      performance.now() - started < limitMs,
      `not recovered after ${limitMs} ms: ${replies.map((r) => `${r.name} ${r.status}`).join(", ")}`,
    );
    await sleep(100);
  }
}

/** More requests at once than the pool has connections: a pool still holding stuck connections would hang here. */
async function assertPoolHealthy(baseUrl: string, access: string): Promise<void> {
  const replies = await Promise.all(Array.from({ length: 30 }, () => request(baseUrl, "GET", "/api/pairs/", { access })));
  assert.deepEqual(new Set(replies.map((reply) => reply.status)), new Set([200]));
}

describe("PostgreSQL goes away", { skip }, () => {
  test("a stalled database: every request answers 503 with Retry-After within 5 s, the pool is freed, and the app recovers by itself", async () => {
    const { baseUrl } = await startApp();
    const student = await signUp(baseUrl);
    await assertPoolHealthy(baseUrl, student.access);

    databaseProxy.stall();
    try {
      // Twice: connections that were open when it stalled, then the new ones opened during the stall.
      for (let round = 0; round < 2; round++)
        assertFastUnavailable(await everyKindOfRequest(baseUrl, student.access, student.email), 5_000);
    } finally {
      databaseProxy.restore();
    }
    const recoveredMs = await waitForRecovery(baseUrl, student.access, student.email, 5_000);
    console.log(`stall: recovered ${Math.round(recoveredMs)} ms after the database came back`);
    await assertPoolHealthy(baseUrl, student.access);
  });

  test("a database that refuses connections: 503 within 2 s during the outage, normal answers within 2 s of its end", async () => {
    const { baseUrl } = await startApp();
    const student = await signUp(baseUrl);
    await assertPoolHealthy(baseUrl, student.access);

    databaseProxy.cut();
    try {
      // Long enough for a driver's reconnect backoff to grow, which once delayed the first answers after an outage by 12 s.
      for (let round = 0; round < 6; round++) {
        assertFastUnavailable(await everyKindOfRequest(baseUrl, student.access, student.email), 2_000);
        await sleep(500);
      }
    } finally {
      databaseProxy.restore();
    }
    const recoveredMs = await waitForRecovery(baseUrl, student.access, student.email, 2_000);
    console.log(`refusal: recovered ${Math.round(recoveredMs)} ms after the database came back`);
    await assertPoolHealthy(baseUrl, student.access);
  });

  test("a weekly round due while the database is down runs once it is back, not a week later", async () => {
    const { baseUrl } = await startApp();
    await signUp(baseUrl);
    await signUp(baseUrl);
    const at = new Date("2031-03-03T13:00:05Z");

    databaseProxy.cut();
    const scheduled = runScheduledRound(at, { retryEveryMs: 200, giveUpAfterMs: 30_000 });
    await sleep(1_500);
    databaseProxy.restore();
    await scheduled;

    const rounds = await db
      .select()
      .from(matchRounds)
      .where(eq(matchRounds.slot, currentSlot(at)));
    assert.equal(rounds.length, 1);
  });

  test("a Telegram update that arrives while the database is away is answered 503, so Telegram sends it again", async () => {
    const { baseUrl } = await startApp();
    const update = messageUpdate({ chatId: telegramId(), text: "/match" });
    databaseProxy.cut();
    try {
      assert.equal((await postUpdate(baseUrl, update)).status, 503);
    } finally {
      databaseProxy.restore();
    }
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = (await postUpdate(baseUrl, update)).status;
      if (status !== 200) await sleep(100);
    }
    assert.equal(status, 200);
  });
});
