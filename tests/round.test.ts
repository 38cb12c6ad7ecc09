import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { before, describe, test } from "node:test";

// The "done when": a round for 7 registered users (one trio) made by the cron function and
// by the CLI, shown by both pairs endpoints, announced exactly once to each linked user, not
// repeated the next week, and idempotent per slot. Imports are dynamic and in sequence: the fake
// Bot API must be configured before any app module loads.
const { telegram, baseUrl, linkTelegram, roundRowCounts, groupsOfRound, pairKeys, notificationsOfRound } =
  await import("./support/round-app");
const { InngestTestEngine } = await import("@inngest/test");
const { weeklyRound } = await import("@/inngest/functions/weekly-round");
const { announceRound } = await import("@/inngest/functions/announce-round");
const { deliverAnnouncementFunction } = await import("@/inngest/functions/deliver-announcement");
const { databaseKind } = await import("@/db/client");
const { get, patchJson, signUp } = await import("./support/requests");

type SignedUp = Awaited<ReturnType<typeof signUp>>;

const WEEK1_SLOT = new Date("2024-01-08T13:00:00Z"); // Monday 18:00 in Asia/Yekaterinburg
const WEEK2_SLOT = new Date("2024-01-15T13:00:00Z");
const CRON = "TZ=Asia/Yekaterinburg 0 18 * * 1";

const people: SignedUp[] = [];
let optedOut: SignedUp;
const chatOf = new Map<number, string>();
let week1RoundId = 0;
let week2RoundId = 0;

function cronEvent(at: Date) {
  return { name: "inngest/scheduled.timer", data: { cron: CRON }, ts: at.getTime() } as const;
}

/** What sendEvent was asked to send in a run, without the SDK's helper methods. */
function sentEvents(ctx: { step: { sendEvent: { mock: { calls: unknown[][] } } } }) {
  return ctx.step.sendEvent.mock.calls.map(([id, payload]) => ({
    id,
    events: (Array.isArray(payload) ? payload : [payload]).map((event: { name: string; data: unknown }) => ({
      name: event.name,
      data: event.data,
    })),
  }));
}

/** Runs `npm run match:round -- --at <at>` against this file's database and returns the statistics it printed. */
async function matchRoundCli(at: Date): Promise<Record<string, unknown>> {
  let lines: string[];
  if (databaseKind() === "postgres") {
    const root = path.resolve(import.meta.dirname, "..");
    const child = spawn("npm", ["run", "--silent", "match:round", "--", "--at", at.toISOString()], { cwd: root, env: process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, `match:round exited ${code}\n${stdout}\n${stderr}`);
    lines = stdout.split("\n");
  } else {
    // The embedded database is held by this process, so the command runs here instead of in a child.
    const { matchRoundCommand } = await import("../scripts/match-round");
    lines = [];
    assert.equal(await matchRoundCommand(["--at", at.toISOString()], (line) => lines.push(line)), 0);
  }
  const json = lines.find((line) => line.startsWith('{"round_id"'));
  assert.ok(json, `no statistics line in:\n${lines.join("\n")}`);
  return JSON.parse(json);
}

async function deliverThroughInngest(roundId: number): Promise<unknown[]> {
  const fanOut = await new InngestTestEngine({ function: announceRound }).execute({
    events: [{ name: "unimatch/round.created", data: { roundId } }],
    steps: [{ id: "queue-announcements", handler: () => ({ ids: [] }) }],
  });
  assert.ifError(fanOut.error);
  const queued = sentEvents(fanOut.ctx as never).flatMap((call) => call.events);
  const results = [];
  for (const event of queued) {
    const run = await new InngestTestEngine({ function: deliverAnnouncementFunction }).execute({ events: [event as never] });
    assert.ifError(run.error);
    results.push(run.result);
  }
  return results;
}

before(async () => {
  const hobbies: Array<{ id: number }> = (await get(baseUrl, "/api/hobby/all/")).body;
  const h = (n: number) => hobbies[n - 1]!.id;
  const profiles: Array<[string, number[], string | null]> = [
    ["Алексей", [1, 2, 3], "@alexey"],
    ["Борис", [2, 3, 4], null],
    ["Вера", [3, 5], "vera_tg"],
    ["Дарья", [], null],
    ["Егор", [1, 3], "@egor"],
    ["Фёдор", [1], null],
    ["Галина", [6, 5], "@galina"],
  ];
  for (const [first_name, hobby, tg_link] of profiles) {
    people.push(await signUp(baseUrl, { first_name, last_name: `${first_name}ова`, hobby: hobby.map(h), tg_link }));
  }
  optedOut = await signUp(baseUrl, { first_name: "Отдыхающий", hobby: [h(1), h(2), h(3)] });
  assert.equal((await patchJson(baseUrl, "/api/update/user/", { is_active_pair: false }, { access: optedOut.access })).status, 200);

  // Five of the seven have linked Telegram; so has the one who opted out of matching.
  for (const [index, person] of [...people.slice(0, 5), optedOut].entries()) {
    const chatId = String(7_000_001 + index);
    await linkTelegram(person.user.id, chatId);
    chatOf.set(person.user.id, chatId);
  }
});

describe("weekly round", () => {
  test("the cron function creates the week's round for the 7 participants, one trio, and publishes round.created", async () => {
    const engine = new InngestTestEngine({ function: weeklyRound });
    const { result, error, ctx } = await engine.execute({
      events: [cronEvent(new Date(WEEK1_SLOT.getTime() + 4_000))] as never,
      steps: [{ id: "publish-round-created", handler: () => ({ ids: ["01TEST"] }) }],
    });
    assert.ifError(error);
    const statistics = result as Record<string, unknown>;
    assert.equal(statistics.slot, WEEK1_SLOT.toISOString());
    assert.equal(statistics.created, true);
    assert.equal(statistics.participants, 7);
    assert.equal(statistics.groups, 3);
    assert.equal(statistics.trios, 1);
    assert.equal(statistics.repeats, 0);
    week1RoundId = statistics.round_id as number;
    assert.deepEqual(sentEvents(ctx as never), [
      { id: "publish-round-created", events: [{ name: "unimatch/round.created", data: { roundId: week1RoundId } }] },
    ]);

    const groups = await groupsOfRound(week1RoundId);
    assert.deepEqual(
      groups.flat().sort((a, b) => a - b),
      people.map((person) => person.user.id).sort((a, b) => a - b),
    );
    assert.deepEqual(groups.map((group) => group.length).sort(), [2, 2, 3]);

    const notifications = await notificationsOfRound(week1RoundId);
    assert.deepEqual(
      notifications.map((row) => [row.userId, row.chatId, row.status]).sort(),
      people
        .slice(0, 5)
        .map((person) => [person.user.id, chatOf.get(person.user.id), "pending"])
        .sort(),
    );
    assert.equal(telegram.sent().length, 0, "nothing is sent before the round.created event is handled");
  });

  test("announce-round fans out one event per pending announcement; deliver-announcement sends each exactly once", async () => {
    const results = await deliverThroughInngest(week1RoundId);
    assert.equal(results.length, 5);
    for (const result of results) assert.equal((result as { status: string }).status, "sent");

    const sent = telegram.sent();
    assert.deepEqual(
      sent.map((message) => message.chatId).sort(),
      people
        .slice(0, 5)
        .map((person) => chatOf.get(person.user.id))
        .sort(),
    );
    const groups = await groupsOfRound(week1RoundId);
    for (const person of people.slice(0, 5)) {
      const text = sent.find((message) => message.chatId === chatOf.get(person.user.id))!.text;
      const partners = groups.find((group) => group.includes(person.user.id))!.filter((id) => id !== person.user.id);
      for (const partnerId of partners) {
        const partner = people.find((candidate) => candidate.user.id === partnerId)!;
        assert.ok(text.includes(partner.user.first_name), `${text} should name ${partner.user.first_name}`);
        if (partner.user.tg_link)
          assert.ok(text.includes(partner.user.tg_link.replace(/^@?/, "@")), `${text} should give ${partner.user.tg_link}`);
      }
      if (partners.length === 2) assert.match(text, /вас трое/);
    }
    for (const row of await notificationsOfRound(week1RoundId)) {
      assert.equal(row.status, "sent");
      assert.equal(row.attempts, 1);
      assert.ok(Number.isInteger(row.telegramMessageId));
    }

    // Inngest re-running the delivery step (its result lost) finds the rows sent and sends nothing.
    for (const notification of await notificationsOfRound(week1RoundId)) {
      const again = await new InngestTestEngine({ function: deliverAnnouncementFunction }).execute({
        events: [{ name: "unimatch/announcement.queued", data: { notificationId: notification.id } }],
      });
      assert.ifError(again.error);
      assert.deepEqual(again.result, { status: "already-sent", messageId: notification.telegramMessageId });
    }
    assert.equal(telegram.sent().length, 5);
  });

  test("both pairs endpoints show the round: one entry per partner, partners on a trio's entries", async () => {
    const groups = await groupsOfRound(week1RoundId);
    for (const person of [...people, optedOut]) {
      const partners = (groups.find((group) => group.includes(person.user.id)) ?? [])
        .filter((id) => id !== person.user.id)
        .sort((a, b) => a - b);
      const flat = await get(baseUrl, "/users/api/pairs/", { access: person.access });
      assert.equal(flat.status, 200, flat.text);
      assert.deepEqual(
        flat.body.map((entry: { partner: { id: number } }) => entry.partner.id).sort((a: number, b: number) => a - b),
        partners,
      );
      for (const entry of flat.body) {
        assert.equal(entry.created_at, "2024-01-08");
        if (partners.length === 2)
          assert.deepEqual(
            entry.partners.map((partner: { id: number }) => partner.id).sort((a: number, b: number) => a - b),
            partners,
          );
        else assert.equal(entry.partners, undefined);
      }
      const split = await get(baseUrl, "/api/pairs/", { access: person.access });
      assert.equal(split.status, 200, split.text);
      assert.deepEqual(split.body, { current_pair: flat.body[0] ?? null, pairs: [] });
    }
  });

  test("next week's round from `npm run match:round -- --at …` repeats no pair and is announced once more to each linked user", async () => {
    const statistics = await matchRoundCli(new Date(WEEK2_SLOT.getTime() + 30 * 60_000));
    assert.equal(statistics.slot, WEEK2_SLOT.toISOString());
    assert.equal(statistics.created, true);
    assert.equal(statistics.participants, 7);
    assert.equal(statistics.trios, 1);
    assert.equal(statistics.repeats, 0);
    week2RoundId = statistics.round_id as number;
    assert.notEqual(week2RoundId, week1RoundId);

    const before = new Set(pairKeys(await groupsOfRound(week1RoundId)));
    const now = pairKeys(await groupsOfRound(week2RoundId));
    assert.equal(now.length, 5);
    assert.deepEqual(
      now.filter((key) => before.has(key)),
      [],
      "no pair meets twice",
    );

    // The command waited for its deliveries: every linked participant has exactly one message per week.
    const counts = new Map<string, number>();
    for (const message of telegram.sent()) counts.set(message.chatId, (counts.get(message.chatId) ?? 0) + 1);
    assert.deepEqual(
      [...counts.entries()].sort(),
      people
        .slice(0, 5)
        .map((person) => [chatOf.get(person.user.id)!, 2])
        .sort(),
    );
    assert.ok(!counts.has(chatOf.get(optedOut.user.id)!), "someone who opted out hears nothing");
    for (const row of await notificationsOfRound(week2RoundId)) assert.equal(row.status, "sent");

    const flat = await get(baseUrl, "/users/api/pairs/", { access: people[0]!.access });
    assert.equal(flat.status, 200);
    assert.ok(flat.body.length >= 2);
    const split = await get(baseUrl, "/api/pairs/", { access: people[0]!.access });
    assert.equal(split.body.current_pair.created_at, "2024-01-15");
    assert.ok(split.body.pairs.every((entry: { created_at: string }) => entry.created_at === "2024-01-08"));
  });

  test("running a slot again — cron retry, CLI, fan-out — writes nothing and sends nothing more", async () => {
    const rows = await roundRowCounts();
    const messages = telegram.sent().length;

    const again = await matchRoundCli(new Date(WEEK2_SLOT.getTime() + 3 * 3600_000));
    assert.equal(again.round_id, week2RoundId);
    assert.equal(again.created, false);
    assert.equal(again.repeats, 0);

    const cron = await new InngestTestEngine({ function: weeklyRound }).execute({
      events: [cronEvent(new Date(WEEK1_SLOT.getTime() + 60_000))] as never,
      steps: [{ id: "publish-round-created", handler: () => ({ ids: ["01TEST2"] }) }],
    });
    assert.ifError(cron.error);
    assert.equal((cron.result as { round_id: number }).round_id, week1RoundId);
    assert.equal((cron.result as { created: boolean }).created, false);

    for (const roundId of [week1RoundId, week2RoundId]) assert.deepEqual(await deliverThroughInngest(roundId), []);
    assert.deepEqual(await roundRowCounts(), rows);
    assert.equal(telegram.sent().length, messages);
  });
});
