import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { startApp } from "./support/app";
import { signUp } from "./support/requests";
import { db } from "@/db/client";
import { matchGroupMembers, matchGroups, matchRounds } from "@/db/schema";
import { saveRound } from "@/lib/matching/service";

// A match group has 2 or 3 members: the round writer checks its whole round in one query, every other
// writer is held to it by the per-row trigger at commit (migrations 0001 and 0007).
describe("a match group has 2 or 3 members", () => {
  async function people(count: number): Promise<number[]> {
    const { baseUrl } = await startApp();
    const ids = [];
    for (let index = 0; index < count; index++) ids.push((await signUp(baseUrl)).id);
    return ids;
  }

  test("the round writer refuses a group of one or of four, and writes nothing", async () => {
    const [a, b, c, d, e] = await people(5);
    for (const [index, groups] of [[[a!]], [[a!, b!, c!, d!]], [[a!, b!], [e!]]].entries()) {
      const slot = new Date(Date.UTC(2032, 0, 5 + 7 * index, 13));
      await assert.rejects(saveRound({ slot, groups }), /do not have 2 or 3 members/);
      assert.equal((await db.select().from(matchRounds).where(eq(matchRounds.slot, slot))).length, 0);
    }
    const slot = new Date(Date.UTC(2032, 2, 1, 13));
    await saveRound({
      slot,
      groups: [
        [a!, b!],
        [c!, d!, e!],
      ],
    });
    assert.equal((await db.select().from(matchRounds).where(eq(matchRounds.slot, slot))).length, 1);
  });

  test("any other writer is checked at commit: a lone member, a member taken out of a pair", async () => {
    const [a, b] = await people(2);
    await assert.rejects(
      db.transaction(async (tx) => {
        const [round] = await tx
          .insert(matchRounds)
          .values({ slot: new Date(Date.UTC(2033, 0, 3, 13)) })
          .returning();
        const [group] = await tx.insert(matchGroups).values({ roundId: round!.id }).returning();
        await tx.insert(matchGroupMembers).values({ groupId: group!.id, roundId: round!.id, userId: a! });
      }),
      (error: Error) => /2 or 3/.test(String(error.cause ?? error.message)) || /2 or 3/.test(error.message),
    );

    const { roundId } = await saveRound({ slot: new Date(Date.UTC(2033, 1, 7, 13)), groups: [[a!, b!]] });
    await assert.rejects(
      db.transaction(async (tx) => {
        // Even inside a transaction that claims to be writing that round, a delete is checked.
        await tx.execute(sql`select set_config('unimatch.round_checked', ${String(roundId)}, true)`);
        await tx.delete(matchGroupMembers).where(eq(matchGroupMembers.userId, b!));
      }),
    );
    assert.equal((await db.select().from(matchGroupMembers).where(eq(matchGroupMembers.roundId, roundId))).length, 2);
  });
});
