import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { saveRound } from "@/lib/matching/service";
import { assertNoCredentials, get, signUp, type SignedUp } from "./support/requests";

const { baseUrl } = await startApp();

type Hobby = { id: number; name: string };
const allHobbies: Hobby[] = (await get(baseUrl, "/api/hobby/all/")).body;
const h = (n: number): Hobby => allHobbies[n - 1]!;

// Slots chosen so the match time zone matters: 19:30 UTC on 1 Jan is 00:30 on 2 Jan in Yekaterinburg (UTC+5).
const EARLIER_SLOT = new Date("2024-01-01T19:30:00Z");
const CURRENT_SLOT = new Date("2024-01-08T13:00:00Z"); // Monday 18:00 in Yekaterinburg
const EARLIER_DATE = "2024-01-02";
const CURRENT_DATE = "2024-01-08";

let people: Record<"a" | "b" | "c" | "d" | "e" | "f" | "g", SignedUp>;

function partnerOf(person: SignedUp, hobbies: Hobby[]) {
  const { user } = person;
  return { id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.email, tg_link: user.tg_link, hobby: hobbies };
}

/** An entry with its id checked and removed, so the rest can be compared exactly. */
function withoutId(entry: any): any {
  assert.ok(Number.isInteger(entry.id), JSON.stringify(entry));
  const { id: _id, ...rest } = entry;
  return rest;
}

before(async () => {
  const make = (first_name: string, hobby: number[], tg_link: string | null = null) =>
    signUp(baseUrl, { first_name, last_name: `${first_name}ов`, hobby: hobby.map((n) => h(n).id), tg_link });
  people = {
    a: await make("Алексей", [1, 2, 3], "@alexey"),
    b: await make("Борис", [2, 3, 4]),
    c: await make("Вера", [3, 5], "@vera"),
    d: await make("Дарья", []),
    e: await make("Егор", [1, 3]),
    f: await make("Фёдор", [1]),
    g: await make("Галина", [6]),
  };
  const { a, b, c, d, e, g } = people;
  // The current round is saved first: order must come from the slot, not from insertion.
  await saveRound({
    slot: CURRENT_SLOT,
    groups: [
      [a.user.id, c.user.id, e.user.id],
      [b.user.id, d.user.id],
    ],
  });
  await saveRound({
    slot: EARLIER_SLOT,
    groups: [
      [a.user.id, b.user.id],
      [c.user.id, g.user.id],
    ],
  });
});

describe("pairs", () => {
  test("generation 2: a trio member sees one entry per partner, newest first, with partners on the current ones", async () => {
    const { a, b, c, e } = people;
    const reply = await get(baseUrl, "/users/api/pairs/", { access: a.access });
    assert.equal(reply.status, 200, reply.text);
    assert.ok(Array.isArray(reply.body));
    assert.equal(reply.body.length, 3);
    for (const entry of reply.body) {
      const keys = Object.keys(entry).sort();
      assert.ok(
        JSON.stringify(keys) === JSON.stringify(["common_hobby", "created_at", "id", "partner"]) ||
          JSON.stringify(keys) === JSON.stringify(["common_hobby", "created_at", "id", "partner", "partners"]),
        JSON.stringify(keys),
      );
      assert.deepEqual(Object.keys(entry.partner).sort(), ["email", "first_name", "hobby", "id", "last_name", "tg_link"]);
      assert.match(entry.created_at, /^\d{4}-\d{2}-\d{2}$/);
    }
    const ids = reply.body.map((entry: { id: number }) => entry.id);
    assert.equal(new Set(ids).size, 3);

    const partnerC = partnerOf(c, [h(3), h(5)]);
    const partnerE = partnerOf(e, [h(1), h(3)]);
    const [first, second, third] = reply.body.map(withoutId);
    const current = [first, second].sort((x: any, y: any) => x.partner.id - y.partner.id);
    const [withC, withE] = c.user.id < e.user.id ? current : current.reverse();
    assert.deepEqual(withC, { partner: partnerC, common_hobby: [h(3)], created_at: CURRENT_DATE, partners: withC.partners });
    assert.deepEqual(withE, { partner: partnerE, common_hobby: [h(1), h(3)], created_at: CURRENT_DATE, partners: withE.partners });
    for (const entry of current) {
      const partners = [...entry.partners].sort((x: any, y: any) => x.id - y.id);
      assert.deepEqual(
        partners,
        [partnerC, partnerE].sort((x, y) => x.id - y.id),
      );
    }
    assert.deepEqual(third, { partner: partnerOf(b, [h(2), h(3), h(4)]), common_hobby: [h(2), h(3)], created_at: EARLIER_DATE });
  });

  test("generation 2: a pair member's current entry has no partners key", async () => {
    const { a, b, d } = people;
    const reply = await get(baseUrl, "/users/api/pairs/", { access: b.access });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body.map(withoutId), [
      { partner: partnerOf(d, []), common_hobby: [], created_at: CURRENT_DATE },
      { partner: partnerOf(a, [h(1), h(2), h(3)]), common_hobby: [h(2), h(3)], created_at: EARLIER_DATE },
    ]);
  });

  test("generation 3: {current_pair, pairs} split the latest round from the earlier ones", async () => {
    const { a, b, d } = people;
    const flat = (await get(baseUrl, "/users/api/pairs/", { access: b.access })).body;
    const reply = await get(baseUrl, "/api/pairs/", { access: b.access });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(Object.keys(reply.body).sort(), ["current_pair", "pairs"]);
    assert.deepEqual(reply.body, { current_pair: flat[0], pairs: [flat[1]] });
    assert.equal(reply.body.current_pair.partner.id, d.user.id);
    assert.equal(reply.body.pairs[0].partner.id, a.user.id);

    const trio = await get(baseUrl, "/api/pairs/", { access: a.access });
    assert.equal(trio.status, 200, trio.text);
    const trioFlat = (await get(baseUrl, "/users/api/pairs/", { access: a.access })).body;
    assert.deepEqual(trio.body.current_pair, trioFlat[0]);
    assert.equal(trio.body.current_pair.partners.length, 2);
    assert.deepEqual(trio.body.pairs, [trioFlat[2]]);
  });

  test("someone not in the latest round has no current pair but keeps the history", async () => {
    const { c, g } = people;
    const expected = { partner: partnerOf(c, [h(3), h(5)]), common_hobby: [], created_at: EARLIER_DATE };
    const flat = await get(baseUrl, "/users/api/pairs/", { access: g.access });
    assert.equal(flat.status, 200);
    assert.deepEqual(flat.body.map(withoutId), [expected]);
    const split = await get(baseUrl, "/api/pairs/", { access: g.access });
    assert.equal(split.status, 200);
    assert.equal(split.body.current_pair, null);
    assert.deepEqual(split.body.pairs.map(withoutId), [expected]);
  });

  test("a user never matched gets [] and {current_pair: null, pairs: []}", async () => {
    const { f } = people;
    const flat = await get(baseUrl, "/users/api/pairs/", { access: f.access });
    assert.equal(flat.status, 200);
    assert.deepEqual(flat.body, []);
    const split = await get(baseUrl, "/api/pairs/", { access: f.access });
    assert.equal(split.status, 200);
    assert.deepEqual(split.body, { current_pair: null, pairs: [] });
  });

  test("the legacy key works here too; 401 without credentials", async () => {
    const reply = await get(baseUrl, "/users/api/pairs/", { headers: { authorization: `Token ${people.b.token}` } });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.length, 2);
    assertNoCredentials(await get(baseUrl, "/users/api/pairs/"));
    assertNoCredentials(await get(baseUrl, "/api/pairs/"));
  });
});

/** The first Monday 18:00 in Asia/Yekaterinburg (UTC+5 all year, no DST) strictly after `now`. */
function expectedNextSlot(now: Date): Date {
  const slot = new Date(now);
  slot.setUTCHours(13, 0, 0, 0);
  slot.setUTCDate(slot.getUTCDate() + ((1 - slot.getUTCDay() + 7) % 7));
  if (slot.getTime() <= now.getTime()) slot.setUTCDate(slot.getUTCDate() + 7);
  return slot;
}

function yekaterinburgText(date: Date): string {
  return new Date(date.getTime() + 5 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

describe("days to match", () => {
  for (const prefix of ["/users/api", "/api"]) {
    test(`GET ${prefix}/days-to-match/ without auth counts down to Monday 18:00 Yekaterinburg`, async () => {
      const before = new Date();
      const reply = await get(baseUrl, `${prefix}/days-to-match/`);
      const after = new Date();
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), ["days_left", "hours_left", "minutes_left", "next_match_at"]);
      const { days_left, hours_left, minutes_left, next_match_at } = reply.body;
      for (const value of [days_left, hours_left, minutes_left])
        assert.ok(Number.isInteger(value) && value >= 0, JSON.stringify(reply.body));
      assert.ok(days_left <= 7 && hours_left < 24 && minutes_left < 60, JSON.stringify(reply.body));
      assert.match(next_match_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

      const next = expectedNextSlot(before);
      const nextAfter = expectedNextSlot(after);
      const candidates = new Set([yekaterinburgText(next), yekaterinburgText(nextAfter)]);
      assert.ok(candidates.has(next_match_at), `${next_match_at} not in ${[...candidates]}`);
      assert.match(next_match_at, / 18:00:00$/);
      const slot = next_match_at === yekaterinburgText(next) ? next : nextAfter;
      const left = days_left * 1440 + hours_left * 60 + minutes_left;
      const most = Math.floor((slot.getTime() - before.getTime()) / 60_000);
      const least = Math.floor((slot.getTime() - after.getTime()) / 60_000);
      assert.ok(left >= least && left <= most, `${left} minutes not in [${least}, ${most}]`);
    });
  }
});
