import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { startApp } from "./support/app";
import { assertErrorBody, get, signUp } from "./support/requests";
import { db } from "@/db/client";
import { DEFAULT_ICEBREAKERS, GENERIC_ICEBREAKERS } from "@/db/icebreakers-seed";
import { hobbies, icebreakers } from "@/db/schema";
import { DEFAULT_HOBBIES, seedIcebreakers } from "@/db/seed";
import { composeAnnouncement } from "@/lib/matching/announcement-text";
import { icebreakerOfGroup, pickIcebreaker } from "@/lib/matching/icebreakers";
import { saveRound } from "@/lib/matching/service";
import { matchGroups } from "@/db/schema";

async function hobbyId(name: string): Promise<number> {
  const [row] = await db.select({ id: hobbies.id }).from(hobbies).where(eq(hobbies.name, name));
  return row!.id;
}

async function questionsOf(name: string | null): Promise<string[]> {
  const where = name === null ? isNull(icebreakers.hobbyId) : eq(icebreakers.hobbyId, await hobbyId(name));
  return (await db.select({ question: icebreakers.question }).from(icebreakers).where(where)).map((row) => row.question);
}

describe("icebreakers", () => {
  test("the seeded bank: at least 3 Russian questions for every default hobby, and generic ones", async () => {
    await startApp();
    for (const name of DEFAULT_HOBBIES) assert.ok((await questionsOf(name)).length >= 3, name);
    assert.ok((await questionsOf(null)).length >= 3);
    assert.equal(Object.keys(DEFAULT_ICEBREAKERS).length, DEFAULT_HOBBIES.length);
  });

  test("seeding again adds nothing and does not bring back a question staff removed", async () => {
    await startApp();
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(icebreakers))[0]!.n;
    const before = await count();
    await seedIcebreakers(db);
    assert.equal(await count(), before);

    const chess = await hobbyId("Шахматы");
    const removed = DEFAULT_ICEBREAKERS["Шахматы"]![0]!;
    await db.delete(icebreakers).where(and(eq(icebreakers.hobbyId, chess), eq(icebreakers.question, removed)));
    await seedIcebreakers(db);
    assert.equal(await count(), before - 1);
    assert.ok(!(await questionsOf("Шахматы")).includes(removed));
    await db.insert(icebreakers).values({ hobbyId: chess, question: removed });
  });

  test("a group always gets the same question, and neighbouring groups mostly different ones", () => {
    const bank = ["a", "b", "c", "d", "e"];
    assert.equal(pickIcebreaker(42, bank), pickIcebreaker(42, bank));
    assert.equal(pickIcebreaker(1, []), null);
    const picked = new Set(Array.from({ length: 10 }, (_, index) => pickIcebreaker(1000 + index, bank)));
    assert.ok(picked.size >= 3, [...picked].join());
  });

  test("a pair gets a question of a hobby it shares, one sharing nothing a generic one; the announcement carries it", async () => {
    const { baseUrl } = await startApp();
    const chess = await hobbyId("Шахматы");
    const [anna, boris] = [await signUp(baseUrl, { hobby: [chess] }), await signUp(baseUrl, { hobby: [chess] })];
    const { roundId } = await saveRound({ slot: new Date(Date.UTC(2034, 0, 2, 13)), groups: [[anna.id, boris.id]] });
    const [group] = await db.select({ id: matchGroups.id }).from(matchGroups).where(eq(matchGroups.roundId, roundId));
    const sharedQuestion = await icebreakerOfGroup(db, group!.id);
    assert.ok(DEFAULT_ICEBREAKERS["Шахматы"]!.includes(sharedQuestion!), sharedQuestion ?? "none");
    const text = await composeAnnouncement(db, { roundId, userId: anna.id });
    assert.ok(text!.includes(`💬 С чего начать разговор: ${sharedQuestion}`), text!);

    const sport = await hobbyId("Спорт");
    const [vera, gleb] = [await signUp(baseUrl, { hobby: [chess] }), await signUp(baseUrl, { hobby: [sport] })];
    const second = await saveRound({ slot: new Date(Date.UTC(2034, 0, 9, 13)), groups: [[vera.id, gleb.id]] });
    const [other] = await db.select({ id: matchGroups.id }).from(matchGroups).where(eq(matchGroups.roundId, second.roundId));
    assert.ok(GENERIC_ICEBREAKERS.includes((await icebreakerOfGroup(db, other!.id))!));
    assert.equal(
      (
        await db
          .select()
          .from(icebreakers)
          .where(and(inArray(icebreakers.hobbyId, [chess, sport])))
      ).length,
      6,
    );

    // Over HTTP: the caller's group of the latest round (Vera's), nothing for Anna, 401 without a token.
    const ofVera = await get(baseUrl, "/api/pairs/icebreaker/", { access: vera.access });
    assert.equal(ofVera.status, 200);
    assert.ok(GENERIC_ICEBREAKERS.includes(ofVera.body.icebreaker), JSON.stringify(ofVera.body));
    assert.deepEqual((await get(baseUrl, "/api/pairs/icebreaker", { access: anna.access })).body, { icebreaker: null });
    assertErrorBody(await get(baseUrl, "/api/pairs/icebreaker/"), 401);
  });
});
