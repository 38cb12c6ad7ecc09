import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

// Round statistics against hand-computed instances (definitions of shared/bench/matching/score.py),
// who takes part, and one round per slot under concurrent runs. Imports are dynamic and in
// sequence: the fake Bot API must be configured before any app module loads.
const { telegram, baseUrl, linkTelegram, roundRowCounts, groupsOfRound, notificationsOfRound } = await import("./support/round-app");
const { runRound } = await import("@/lib/matching/round");
const { roundStatistics } = await import("@/lib/matching/round-stats");
const { saveRound } = await import("@/lib/matching/service");
const { db } = await import("@/db/client");
const { matchRounds, users } = await import("@/db/schema");
const { eq, inArray } = await import("drizzle-orm");
const { get, signUp } = await import("./support/requests");

let h: (n: number) => number;
const slot = (isoDate: string) => new Date(`${isoDate}T13:00:00Z`); // Mondays, 18:00 in Yekaterinburg

/** Seven people with the hobby sets A{1,2,3} B{1,2,3} C{4,5} D{4,5} E{6,7} F{6,7} G{}. */
async function sevenPeople(prefix: string): Promise<number[]> {
  const sets = [[1, 2, 3], [1, 2, 3], [4, 5], [4, 5], [6, 7], [6, 7], []];
  const ids: number[] = [];
  for (const [index, hobby] of sets.entries())
    ids.push((await signUp(baseUrl, { first_name: `${prefix}${index + 1}`, hobby: hobby.map(h) })).user.id);
  return ids;
}

async function onlyActive(ids: number[]): Promise<void> {
  await db.update(users).set({ isActivePair: false });
  await db.update(users).set({ isActivePair: true }).where(inArray(users.id, ids));
}

before(async () => {
  const hobbies: Array<{ id: number }> = (await get(baseUrl, "/api/hobby/all/")).body;
  h = (n) => hobbies[n - 1]!.id;
});

describe("round statistics", () => {
  test("a hand-built round: groups, trios, share of pairs with something in common, mean shared hobbies, repeats", async () => {
    const [u1, u2, u3, u4, u5, u6, u7] = await sevenPeople("Ручной");
    // Saved later slot first: "earlier" must come from the slot, not from insertion order.
    const later = await saveRound({
      slot: slot("2023-06-12"),
      groups: [
        [u1!, u3!],
        [u2!, u4!, u7!],
        [u5!, u6!],
      ],
    });
    await saveRound({
      slot: slot("2023-06-05"),
      groups: [
        [u5!, u6!],
        [u1!, u2!],
      ],
    });
    // Pairs: u1-u3 0, u2-u4 0, u2-u7 0, u4-u7 0, u5-u6 2 shared → 1 of 5 with something in common, 2/5 per pair; u5-u6 met before.
    assert.deepEqual(await roundStatistics(db, { roundId: later.roundId, created: false }), {
      round_id: later.roundId,
      slot: slot("2023-06-12").toISOString(),
      created: false,
      participants: 7,
      groups: 3,
      trios: 1,
      pct_with_common: 20,
      mean_common_hobbies: 0.4,
      repeats: 1,
    });
    // A lone trio C–D–G: one pair of three shares 2 hobbies; percentages to 3 decimals, means to 4.
    const trio = await saveRound({ slot: slot("2023-05-29"), groups: [[u3!, u4!, u7!]] });
    const trioStatistics = await roundStatistics(db, { roundId: trio.roundId, created: true });
    assert.deepEqual(
      {
        pct: trioStatistics.pct_with_common,
        mean: trioStatistics.mean_common_hobbies,
        groups: trioStatistics.groups,
        trios: trioStatistics.trios,
        repeats: trioStatistics.repeats,
      },
      { pct: 33.333, mean: 0.6667, groups: 1, trios: 1, repeats: 0 },
    );
    const rerun = await runRound({ slot: slot("2023-06-12") });
    assert.equal(rerun.round_id, later.roundId);
    assert.equal(rerun.created, false);
    assert.equal(rerun.repeats, 2, "u4–u7 of the trio, now an earlier slot, has met before too");
  });

  test("a solved round of seven: the best groups give 3 of 5 pairs in common, 7/5 shared hobbies a pair, no repeat", async () => {
    const people = await sevenPeople("Решённый");
    await onlyActive(people);
    // A–B (3), C–D (2), E–F (2) and G joining one of them as the trio (two more pairs, nothing shared): 3 of 5 pairs, 7 shared.
    const statistics = await runRound({ slot: slot("2023-06-19") });
    assert.deepEqual(statistics, {
      round_id: statistics.round_id,
      slot: slot("2023-06-19").toISOString(),
      created: true,
      participants: 7,
      groups: 3,
      trios: 1,
      pct_with_common: 60,
      mean_common_hobbies: 1.4,
      repeats: 0,
    });
    // Computed from the solved groups; the database's own reading of the saved round must agree.
    assert.deepEqual(await roundStatistics(db, { roundId: statistics.round_id, created: true }), statistics);
    const [a, b, c, d, e, f] = people;
    const groups = await groupsOfRound(statistics.round_id);
    for (const [x, y] of [
      [a, b],
      [c, d],
      [e, f],
    ])
      assert.ok(
        groups.some((group) => group.includes(x!) && group.includes(y!)),
        JSON.stringify(groups),
      );

    // Only A and B left the next week: they have nobody else, so they meet again and it counts as a repeat.
    await onlyActive([a!, b!]);
    const again = await runRound({ slot: slot("2023-06-26") });
    assert.deepEqual(await roundStatistics(db, { roundId: again.round_id, created: true }), again);
    assert.deepEqual(again, {
      round_id:
        (
          await db
            .select({ id: matchRounds.id })
            .from(matchRounds)
            .where(eq(matchRounds.slot, slot("2023-06-26")))
        )[0]?.id ?? -1,
      slot: slot("2023-06-26").toISOString(),
      created: true,
      participants: 2,
      groups: 1,
      trios: 0,
      pct_with_common: 100,
      mean_common_hobbies: 3,
      repeats: 1,
    });
  });

  test("one participant or none: the slot still gets its (empty) round, once", async () => {
    const [alone] = await sevenPeople("Один");
    await onlyActive([alone!]);
    const first = await runRound({ slot: slot("2023-07-03") });
    assert.deepEqual(
      { ...first, round_id: 0 },
      {
        round_id: 0,
        slot: slot("2023-07-03").toISOString(),
        created: true,
        participants: 0,
        groups: 0,
        trios: 0,
        pct_with_common: 0,
        mean_common_hobbies: 0,
        repeats: 0,
      },
    );
    assert.equal((await runRound({ slot: slot("2023-07-03") })).created, false);
  });
});

describe("who takes part, and one round per slot", () => {
  test("opted-out and deactivated accounts are left out; odd counts get a trio, never a filler", async () => {
    const people = await sevenPeople("Участник");
    await onlyActive(people.slice(0, 5));
    await db.update(users).set({ isActive: false }).where(eq(users.id, people[4]!));
    const statistics = await runRound({ slot: slot("2023-07-10") });
    assert.equal(statistics.participants, 4);
    assert.equal(statistics.trios, 0);
    assert.deepEqual(
      (await groupsOfRound(statistics.round_id)).flat().sort((x, y) => x - y),
      people.slice(0, 4).sort((x, y) => x - y),
    );
    await db.update(users).set({ isActive: true }).where(eq(users.id, people[4]!));

    const odd = await runRound({ slot: slot("2023-07-17") });
    assert.equal(odd.participants, 5);
    assert.equal(odd.groups, 2);
    assert.equal(odd.trios, 1);
  });

  test("concurrent runs for one slot produce one round and one announcement per linked participant", async () => {
    const people = await sevenPeople("Гонка");
    await onlyActive(people);
    for (const [index, id] of people.slice(0, 3).entries()) await linkTelegram(id, String(9_100_001 + index));
    const before = await roundRowCounts();

    const results = await Promise.all(Array.from({ length: 6 }, () => runRound({ slot: slot("2023-07-24") })));
    assert.equal(results.filter((result) => result.created).length, 1, JSON.stringify(results));
    assert.equal(new Set(results.map((result) => result.round_id)).size, 1);
    const { created: _created, ...first } = results[0]!;
    for (const result of results) assert.deepEqual({ ...result, created: _created }, { ...first, created: _created });

    const after = await roundRowCounts();
    assert.equal(after.rounds, before.rounds + 1);
    assert.equal(after.members, before.members + 7);
    assert.equal(after.pairs, before.pairs + 5);
    const notifications = await notificationsOfRound(results[0]!.round_id);
    assert.deepEqual(
      notifications.map((row) => row.userId).sort((x, y) => x - y),
      people.slice(0, 3).sort((x, y) => x - y),
    );
    assert.ok(notifications.every((row) => row.status === "pending" && row.attempts === 0));
    assert.equal(telegram.sent().length, 0, "runRound itself sends nothing; delivery starts after the commit");
  });
});
