import assert from "node:assert/strict";
import { describe, test } from "node:test";

// Without Inngest the server runs the weekly round itself at each slot (lib/background/round-scheduler).
const { baseUrl, telegram, linkTelegram } = await import("./support/round-app");
const { runScheduledRound } = await import("@/lib/background/round-scheduler");
const { waitForDeliveries } = await import("@/lib/background/rounds");
const { currentSlot } = await import("@/lib/matching/schedule");
const { signUp } = await import("./support/requests");
const { db } = await import("@/db/client");
const { matchRounds } = await import("@/db/schema");
const { eq } = await import("drizzle-orm");

describe("in-process weekly schedule", () => {
  test("a scheduled tick runs the slot's round once and announces it to linked participants", async () => {
    const people = [];
    for (const [index, first_name] of ["Вера", "Глеб", "Дина"].entries()) {
      const person = await signUp(baseUrl, { first_name, hobby: [1] });
      await linkTelegram(person.user.id, String(7_100_001 + index));
      people.push(person);
    }
    const at = new Date("2030-01-07T13:00:05Z"); // just after Monday 18:00 in Asia/Yekaterinburg
    await runScheduledRound(at);
    await runScheduledRound(at); // a second instance ticking at the same moment
    await waitForDeliveries();

    const rounds = await db
      .select()
      .from(matchRounds)
      .where(eq(matchRounds.slot, currentSlot(at)));
    assert.equal(rounds.length, 1);
    const sent = telegram.sent();
    assert.equal(sent.length, 3, "each of the trio hears about the round once");
    assert.deepEqual(new Set(sent.map((message) => message.chatId)), new Set(["7100001", "7100002", "7100003"]));

    const pairs = await (await fetch(`${baseUrl}/api/pairs/`, { headers: { authorization: `Bearer ${people[0]!.access}` } })).json();
    assert.equal(pairs.current_pair.partners.length, 2);
  });
});
