import assert from "node:assert/strict";
import { before, beforeEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

// Delivery of round announcements: exactly once per (round, user), Telegram's 429 honoured, retries
// bounded, and a send that may have happened never repeated. Imports are dynamic and in sequence:
// the fake Bot API must be configured before any app module loads.
const { telegram, baseUrl, linkTelegram, notificationsOfRound } = await import("./support/round-app");
const { tooManyRequests } = await import("./support/fake-telegram");
const { InngestTestEngine } = await import("@inngest/test");
const { deliverAnnouncementFunction } = await import("@/inngest/functions/deliver-announcement");
const { runRound } = await import("@/lib/matching/round");
const { AnnouncementRetryLater, MAX_ATTEMPTS, deliverAnnouncement } = await import("@/lib/matching/announcements");
const { publishRoundCreated, waitForDeliveries } = await import("@/lib/background/rounds");
const { db } = await import("@/db/client");
const { matchNotifications } = await import("@/db/schema");
const { eq, sql } = await import("drizzle-orm");
const { signUp } = await import("./support/requests");

interface Request {
  chatId: string;
  at: number;
  status: number;
}

let requests: Request[] = [];
const chatIds: string[] = [];
let slotCounter = 0;

/** Every sendMessage that reached the fake Bot API (answered or refused), with the time it arrived. */
function record(answer: (chatId: string) => { status: number; body: unknown } | undefined = () => undefined) {
  telegram.respondWith((call) => {
    if (call.method !== "sendMessage") return undefined;
    const chatId = String(call.payload.chat_id);
    const response = answer(chatId);
    requests.push({ chatId, at: Date.now(), status: response?.status ?? 200 });
    return response;
  });
}

/** A fresh round (its own weekly slot) with one pending announcement per linked participant. */
async function freshRound() {
  const slot = new Date(Date.UTC(2024, 2, 4 + 7 * slotCounter++, 13));
  const statistics = await runRound({ slot });
  assert.equal(statistics.created, true);
  const notifications = await notificationsOfRound(statistics.round_id);
  assert.equal(notifications.length, 4);
  return { roundId: statistics.round_id, notifications };
}

const deliverThroughInngest = (notificationId: number) =>
  new InngestTestEngine({ function: deliverAnnouncementFunction }).execute({
    events: [{ name: "unimatch/announcement.queued", data: { notificationId } }],
  });

const rowOf = async (id: number) => (await db.select().from(matchNotifications).where(eq(matchNotifications.id, id)))[0]!;

before(async () => {
  for (const [index, first_name] of ["Анна", "Пётр", "Ольга", "Иван"].entries()) {
    const person = await signUp(baseUrl, { first_name, hobby: [1, 2] });
    const chatId = String(8_000_001 + index);
    await linkTelegram(person.user.id, chatId);
    chatIds.push(chatId);
  }
});

beforeEach(() => {
  telegram.reset();
  requests = [];
});

describe("round announcements", () => {
  test("in-process: a 429 pauses sending until retry_after, then every message goes out once", async () => {
    const { roundId, notifications } = await freshRound();
    let limited: string | null = null;
    record((chatId) => {
      if (limited !== null) return undefined;
      limited = chatId;
      return tooManyRequests(1);
    });
    await publishRoundCreated(roundId);
    const [summary] = await waitForDeliveries();
    assert.deepEqual(summary, { roundId, sent: 4, alreadyDone: 0, failed: 0, leftPending: 0 });

    assert.deepEqual(
      telegram
        .sent()
        .map((message) => message.chatId)
        .sort(),
      [...chatIds].sort(),
    );
    const refusedAt = requests.find((request) => request.status === 429)!.at;
    const retried = requests.filter((request) => request.chatId === limited && request.status === 200);
    assert.equal(retried.length, 1);
    assert.ok(retried[0]!.at - refusedAt >= 1000, `retried ${retried[0]!.at - refusedAt} ms after a 429 asking for 1 s`);
    for (const request of requests.filter((request) => request.at > refusedAt)) {
      assert.ok(request.at - refusedAt >= 1000, "no send goes out while Telegram asks to wait");
    }
    for (const row of await notificationsOfRound(roundId)) {
      assert.equal(row.status, "sent");
      assert.equal(row.attempts, row.chatId === limited ? 2 : 1);
      assert.equal(row.lastError, null);
    }
    assert.equal(notifications.length, 4);
  });

  test("Inngest: a 429 becomes RetryAfterError at Telegram's retry_after; the retry then sends once", async () => {
    const { notifications } = await freshRound();
    const target = notifications[0]!;
    let refused = false;
    record(() => {
      if (refused) return undefined;
      refused = true;
      return tooManyRequests(2);
    });

    const first = await deliverThroughInngest(target.id);
    assert.equal((first.error as { name: string }).name, "RetryAfterError");
    assert.match((first.error as { message: string }).message, /Too Many Requests: retry after 2/);
    const pending = await rowOf(target.id);
    assert.equal(pending.status, "pending");
    assert.equal(pending.attempts, 1);
    assert.match(pending.lastError ?? "", /Too Many Requests/);
    const wait = pending.nextAttemptAt.getTime() - Date.now();
    assert.ok(wait > 1000 && wait <= 2000, `due in ${wait} ms`);

    const early = await deliverThroughInngest(target.id);
    assert.equal((early.error as { name: string }).name, "RetryAfterError", "a retry before the row is due waits again");
    assert.equal(requests.length, 1, "and does not call Telegram");

    await sleep(pending.nextAttemptAt.getTime() - Date.now() + 20);
    const retried = await deliverThroughInngest(target.id);
    assert.ifError(retried.error);
    assert.equal((retried.result as { status: string }).status, "sent");
    assert.deepEqual(
      requests.map((request) => request.status),
      [429, 200],
    );
    assert.deepEqual(
      telegram.sent().map((message) => message.chatId),
      [target.chatId],
    );
    assert.equal((await rowOf(target.id)).attempts, 2);
  });

  test("a retried or concurrent delivery never sends twice", async () => {
    const { notifications } = await freshRound();
    const target = notifications[0]!;
    record();
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => deliverAnnouncement({ notificationId: target.id })));
    assert.equal(outcomes.filter((outcome) => outcome.status === "sent").length, 1, JSON.stringify(outcomes));
    for (const outcome of outcomes) assert.ok(["sent", "in-flight", "already-sent"].includes(outcome.status), JSON.stringify(outcome));

    const again = await deliverThroughInngest(target.id);
    assert.ifError(again.error);
    assert.equal((again.result as { status: string }).status, "already-sent");
    const step = await new InngestTestEngine({ function: deliverAnnouncementFunction }).executeStep("deliver", {
      events: [{ name: "unimatch/announcement.queued", data: { notificationId: target.id } }],
    });
    assert.ifError(step.error);
    assert.equal((step.result as { status: string }).status, "already-sent", "the step's own output");
    assert.equal(requests.length, 1);
    assert.equal(telegram.sent().length, 1);
  });

  test("a send claimed long ago that never reported back is failed, not resent; a fresh claim is left to its owner", async () => {
    const { notifications } = await freshRound();
    const [stale, fresh] = notifications;
    record();
    await db
      .update(matchNotifications)
      .set({ status: "sending", attempts: 1, claimedAt: sql`now() - interval '11 minutes'` })
      .where(eq(matchNotifications.id, stale!.id));
    await db
      .update(matchNotifications)
      .set({ status: "sending", attempts: 1, claimedAt: sql`now()` })
      .where(eq(matchNotifications.id, fresh!.id));

    const ambiguous = await deliverThroughInngest(stale!.id);
    assert.equal((ambiguous.error as { name: string }).name, "NonRetriableError");
    const failed = await rowOf(stale!.id);
    assert.equal(failed.status, "failed");
    assert.match(failed.lastError ?? "", /may already have been delivered/);
    assert.equal(failed.attempts, 1);

    const owned = await deliverThroughInngest(fresh!.id);
    assert.equal((owned.error as { name: string }).name, "RetryAfterError", "checked again once the claim could have gone stale");
    assert.equal((await rowOf(fresh!.id)).status, "sending");
    assert.deepEqual(await deliverAnnouncement({ notificationId: stale!.id }), { status: "already-failed", error: failed.lastError });
    assert.equal(requests.length, 0);
  });

  test("an answer a retry cannot change fails at once; retryable errors back off and give up after MAX_ATTEMPTS", async () => {
    const { notifications } = await freshRound();
    const [blocked, flaky] = notifications;
    record((chatId) => {
      if (chatId === blocked!.chatId)
        return { status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } };
      if (chatId === flaky!.chatId) return { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } };
      return undefined;
    });

    const refused = await deliverThroughInngest(blocked!.id);
    assert.equal((refused.error as { name: string }).name, "NonRetriableError");
    assert.equal((await rowOf(blocked!.id)).status, "failed");
    assert.equal((await rowOf(blocked!.id)).attempts, 1);

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await assert.rejects(deliverAnnouncement({ notificationId: flaky!.id }), AnnouncementRetryLater);
      const row = await rowOf(flaky!.id);
      assert.equal(row.status, "pending");
      assert.equal(row.attempts, attempt);
      const wait = row.nextAttemptAt.getTime() - Date.now();
      const expected = 2000 * 2 ** (attempt - 1);
      assert.ok(wait > expected - 1000 && wait <= expected, `attempt ${attempt}: due in ${wait} ms, expected ~${expected}`);
      await db
        .update(matchNotifications)
        .set({ nextAttemptAt: sql`now()` })
        .where(eq(matchNotifications.id, flaky!.id));
    }
    const last = await deliverAnnouncement({ notificationId: flaky!.id });
    assert.equal(last.status, "failed");
    const given = await rowOf(flaky!.id);
    assert.equal(given.status, "failed");
    assert.equal(given.attempts, MAX_ATTEMPTS);
    assert.match(given.lastError ?? "", /gave up after 5 attempts: Bad Gateway/);
    assert.deepEqual(requests.filter((request) => request.chatId === flaky!.chatId).length, MAX_ATTEMPTS);
    assert.equal(telegram.sent().length, 0);
  });
});
