import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

// POST /users/api/admin-api/create-pairs/ and /api/admin-api/create-pairs/: staff only, runs this
// slot's round once, answers its statistics and announces it after the commit. Imports are dynamic
// and in sequence: the fake Bot API must be configured before any app module loads.
const { telegram, baseUrl, linkTelegram, roundRowCounts, groupsOfRound } = await import("./support/round-app");
const { waitForDeliveries } = await import("@/lib/background/rounds");
const { currentSlot } = await import("@/lib/matching/schedule");
const { createOperatorAccount } = await import("@/lib/users/service");
const { db } = await import("@/db/client");
const { matchRounds } = await import("@/db/schema");
const { eq } = await import("drizzle-orm");
const { assertError, assertNoCredentials, get, patchJson, postJson, request, signUp, STRONG_PASSWORD, uniqueEmail } =
  await import("./support/requests");

const PATHS = ["/users/api/admin-api/create-pairs/", "/api/admin-api/create-pairs/"];

let member: { access: string };
const participants: number[] = [];
let staffInside = 0;
let staffOutside = 0;
let staffAccess = "";

async function staff(first_name: string): Promise<{ id: number; access: string }> {
  const email = uniqueEmail("staff");
  const user = await createOperatorAccount({ input: { email, password: STRONG_PASSWORD, first_name }, isStaff: true });
  const login = await postJson(baseUrl, "/api/token/", { email, password: STRONG_PASSWORD });
  assert.equal(login.status, 200, login.text);
  return { id: user.id, access: login.body.access };
}

before(async () => {
  for (const [index, first_name] of ["Мария", "Николай", "Полина", "Роман"].entries()) {
    const person = await signUp(baseUrl, { first_name, hobby: [index + 1, 5] });
    participants.push(person.user.id);
    if (index < 2) await linkTelegram(person.user.id, String(9_200_001 + index));
    if (index === 0) member = person;
  }
  // Staff accounts start outside the rounds and take part only by their own switch: one turns it on.
  const inside = await staff("Админ-участник");
  staffInside = inside.id;
  participants.push(inside.id);
  assert.equal((await patchJson(baseUrl, "/api/update/user/", { is_active_pair: true }, { access: inside.access })).status, 200);
  const outside = await staff("Админ");
  staffOutside = outside.id;
  staffAccess = outside.access;
  const profile = await get(baseUrl, "/api/auth/users/me/", { access: outside.access });
  assert.equal(profile.body.is_active_pair, false, "a new staff account is not a participant");
});

describe("create-pairs", () => {
  test("401 without credentials on both paths", async () => {
    for (const path of PATHS) assertNoCredentials(await postJson(baseUrl, path, {}));
  });

  test("403 with the DRF body and a Russian error for someone who is not staff", async () => {
    for (const path of PATHS) {
      const reply = await postJson(baseUrl, path, {}, { access: member.access });
      assertError(reply, 403, { detail: "You do not have permission to perform this action." });
      assert.match(reply.body.error, /[а-яё]/i);
    }
    assert.equal((await roundRowCounts()).rounds, 0, "a refused request runs nothing");
  });

  test("a malformed body is a 4xx JSON answer and runs nothing", async () => {
    const headers = { authorization: `Bearer ${staffAccess}` };
    const broken = await request(baseUrl, "POST", PATHS[0]!, {
      headers: { ...headers, "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(broken.status, 400, broken.text);
    assert.match(broken.body.detail, /^JSON parse error - /);
    const text = await request(baseUrl, "POST", PATHS[1]!, { headers: { ...headers, "content-type": "text/plain" }, body: "go" });
    assert.equal(text.status, 415, text.text);
    const huge = await request(baseUrl, "POST", PATHS[1]!, { headers, json: { padding: "x".repeat(70_000) } });
    assert.equal(huge.status, 413, huge.text);
    for (const reply of [broken, text, huge]) assert.equal(typeof reply.body.error, "string");
    assert.equal((await roundRowCounts()).rounds, 0);
  });

  test("only POST is allowed", async () => {
    const reply = await request(baseUrl, "GET", PATHS[0]!, { access: staffAccess });
    assert.equal(reply.status, 405);
    assert.equal(reply.headers.get("allow"), "POST, OPTIONS");
  });

  test("201 with this slot's statistics; the round is announced after the commit; a second click changes nothing", async () => {
    const first = await postJson(baseUrl, PATHS[0]!, undefined, { access: staffAccess });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(Object.keys(first.body).sort(), ["groups", "pct_with_common", "repeats", "round_id", "trios"]);
    assert.equal(first.body.groups, 2);
    assert.equal(first.body.trios, 1);
    assert.equal(first.body.repeats, 0);
    assert.ok(first.body.pct_with_common >= 0 && first.body.pct_with_common <= 100);

    const [round] = await db.select().from(matchRounds).where(eq(matchRounds.id, first.body.round_id));
    assert.equal(round?.slot.toISOString(), currentSlot(new Date()).toISOString());
    const members = (await groupsOfRound(first.body.round_id)).flat().sort((a, b) => a - b);
    assert.deepEqual(
      members,
      [...participants].sort((a, b) => a - b),
    );
    assert.ok(members.includes(staffInside) && !members.includes(staffOutside));

    await waitForDeliveries();
    assert.deepEqual(
      telegram
        .sent()
        .map((message) => message.chatId)
        .sort(),
      ["9200001", "9200002"],
    );

    const rows = await roundRowCounts();
    const second = await postJson(baseUrl, PATHS[1]!, {}, { access: staffAccess });
    assert.equal(second.status, 201, second.text);
    assert.deepEqual(second.body, first.body);
    await waitForDeliveries();
    assert.deepEqual(await roundRowCounts(), rows);
    assert.equal(telegram.sent().length, 2);
  });

  test("/api/inngest answers 503 while Inngest is not configured", async () => {
    for (const method of ["GET", "POST", "PUT"]) {
      const reply = await request(baseUrl, method, "/api/inngest", method === "GET" ? {} : { json: {} });
      assert.equal(reply.status, 503, reply.text);
      assert.equal(typeof reply.body.error, "string");
    }
  });
});
