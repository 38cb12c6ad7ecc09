import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { userHobbies, users } from "@/db/schema";
import { assertError, assertErrorBody, assertNoCredentials, get, patchJson, request, signUp } from "./support/requests";

const { baseUrl } = await startApp();

const USER_KEYS = ["age", "birth", "chat_id", "email", "first_name", "hobby", "id", "image", "is_active_pair", "last_name", "tg_link"];
const GEN2_UPDATES: Array<[string, string]> = [
  ["PATCH", "/auth/users/me/"],
  ["PUT", "/auth/users/me/"],
  ["PATCH", "/users/api/update/user/"],
  ["PATCH", "/api/update/user/"],
];

const all = await get(baseUrl, "/api/hobby/all/");
const hobbyName = new Map<number, string>(all.body.map((hobby: { id: number; name: string }) => [hobby.id, hobby.name]));
const [h1, h2, h3, h4] = [...hobbyName.keys()] as [number, number, number, number];

describe("me: reading", () => {
  test("GET and POST /auth/users/me/ answer the generation-2 user", async () => {
    const me = await signUp(baseUrl, { first_name: "Олег", last_name: "Смирнов", birth: "05-07-2001", hobby: [h2, h1], tg_link: "@oleg" });
    for (const method of ["GET", "POST"]) {
      const reply = await request(baseUrl, method, "/auth/users/me/", { access: me.access });
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), USER_KEYS);
      assert.deepEqual(reply.body, me.user);
      assert.equal(reply.body.birth, "05-07-2001");
      assert.deepEqual(reply.body.hobby, [h1, h2]);
    }
  });

  test("GET /api/auth/users/me/ answers the generation-3 user", async () => {
    const me = await signUp(baseUrl, { first_name: "Олег", birth: "05-07-2001", hobby: [h2, h1] });
    const reply = await get(baseUrl, "/api/auth/users/me/", { access: me.access });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(Object.keys(reply.body).sort(), USER_KEYS);
    assert.equal(reply.body.id, me.user.id);
    assert.equal(reply.body.birth, "2001-07-05");
    assert.equal(reply.body.age, me.user.age);
    assert.deepEqual(reply.body.hobby, [
      { id: h1, name: hobbyName.get(h1) },
      { id: h2, name: hobbyName.get(h2) },
    ]);
  });

  test("legacy key in either keyword case authenticates", async () => {
    const me = await signUp(baseUrl);
    for (const keyword of ["Token", "token"]) {
      const reply = await get(baseUrl, "/auth/users/me/", { headers: { authorization: `${keyword} ${me.token}` } });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.id, me.user.id);
    }
  });

  test("401 without credentials on every me/update path", async () => {
    const paths: Array<[string, string]> = [
      ["GET", "/auth/users/me/"],
      ["POST", "/auth/users/me/"],
      ["GET", "/api/auth/users/me/"],
      ["PATCH", "/api/auth/users/me/"],
      ...GEN2_UPDATES,
    ];
    for (const [method, path] of paths) {
      const reply = await request(baseUrl, method, path, method === "GET" ? {} : { json: { first_name: "X" } });
      assertNoCredentials(reply);
    }
  });

  test("a bad legacy key → 401 Invalid token.", async () => {
    for (const key of ["0".repeat(40), "not-a-key", ""]) {
      const reply = await get(baseUrl, "/auth/users/me/", { headers: { authorization: `Token ${key}`.trim() } });
      assert.equal(reply.status, 401, reply.text);
      assert.equal(reply.body.detail, "Invalid token.");
      assertErrorBody(reply);
      assert.equal(reply.headers.get("www-authenticate"), 'Bearer realm="api"');
    }
  });

  test("chat_id is answered as a string (as the original stored it)", async () => {
    const me = await signUp(baseUrl);
    assert.equal(me.user.chat_id, null);
    await db.update(users).set({ chatId: "123456789" }).where(eq(users.id, me.user.id));
    for (const path of ["/auth/users/me/", "/api/auth/users/me/"]) {
      const reply = await get(baseUrl, path, { access: me.access });
      assert.equal(reply.body.chat_id, "123456789", path);
    }
  });

  test("a bad JWT → 401 token_not_valid", async () => {
    const reply = await get(baseUrl, "/auth/users/me/", { access: "not.a.jwt" });
    assert.equal(reply.status, 401);
    assert.equal(reply.body.code, "token_not_valid");
    assert.equal(reply.body.detail, "Given token not valid for any token type");
    assertErrorBody(reply);
  });
});

describe("me: updating", () => {
  test("every generation-2 update path applies a partial update and answers the generation-2 user", async () => {
    for (const [method, path] of GEN2_UPDATES) {
      const me = await signUp(baseUrl, { first_name: "Старое", last_name: "Имя", birth: "01-01-2000", hobby: [h1], tg_link: "@old" });
      const reply = await request(baseUrl, method, path, { access: me.access, json: { first_name: "Новое" } });
      assert.equal(reply.status, 200, `${method} ${path}: ${reply.text}`);
      assert.deepEqual(Object.keys(reply.body).sort(), USER_KEYS);
      assert.deepEqual(reply.body, { ...me.user, first_name: "Новое" }, `${method} ${path}`);
      const after = await get(baseUrl, "/auth/users/me/", { access: me.access });
      assert.deepEqual(after.body, reply.body);
    }
  });

  test("each field on its own: names, birth in both formats, hobby set replaced, tg_link, is_active_pair", async () => {
    const me = await signUp(baseUrl, { first_name: "A", last_name: "B", birth: "01-01-2000", hobby: [h1, h2], tg_link: "@a" });
    const path = "/users/api/update/user/";
    let expected = { ...me.user };
    const steps: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ last_name: "Кузнецова" }, { last_name: "Кузнецова" }],
      [{ first_name: "" }, { first_name: "" }],
      [{ birth: "1995-04-10" }, { birth: "10-04-1995" }],
      [{ birth: "20-11-1996" }, { birth: "20-11-1996" }],
      [{ hobby: [h3, h4] }, { hobby: [h3, h4] }],
      [{ hobby: [] }, { hobby: [] }],
      [{ tg_link: "@new_nick" }, { tg_link: "@new_nick" }],
      [{ is_active_pair: false }, { is_active_pair: false }],
      [{ is_active_pair: true }, { is_active_pair: true }],
    ];
    for (const [changes, visible] of steps) {
      const reply = await patchJson(baseUrl, path, changes, { access: me.access });
      assert.equal(reply.status, 200, `${JSON.stringify(changes)}: ${reply.text}`);
      expected = { ...expected, ...visible };
      const { age, ...rest } = reply.body;
      const { age: _ignored, ...expectedRest } = expected;
      assert.deepEqual(rest, expectedRest, JSON.stringify(changes));
      assert.equal(typeof age, "number");
    }
    const rows = await db.select().from(userHobbies).where(eq(userHobbies.userId, me.user.id));
    assert.equal(rows.length, 0);
  });

  test("PATCH /api/auth/users/me/ answers the generation-3 user", async () => {
    const me = await signUp(baseUrl, { hobby: [h1] });
    const reply = await patchJson(
      baseUrl,
      "/api/auth/users/me/",
      { birth: "03-02-2001", hobby: [h2, h3], last_name: "Gen3" },
      { access: me.access },
    );
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(Object.keys(reply.body).sort(), USER_KEYS);
    assert.equal(reply.body.birth, "2001-02-03");
    assert.equal(reply.body.last_name, "Gen3");
    assert.deepEqual(reply.body.hobby, [
      { id: h2, name: hobbyName.get(h2) },
      { id: h3, name: hobbyName.get(h3) },
    ]);
  });

  test("an unknown hobby id leaves every other change unwritten", async () => {
    const me = await signUp(baseUrl, { first_name: "Прежнее", hobby: [h1] });
    for (const [method, path] of [...GEN2_UPDATES, ["PATCH", "/api/auth/users/me/"] as [string, string]]) {
      const reply = await request(baseUrl, method, path, {
        access: me.access,
        json: { first_name: "Изменённое", tg_link: "@x", hobby: [h2, 99] },
      });
      assertError(reply, 400, { hobby: ['Invalid pk "99" - object does not exist.'] });
      const [row] = await db.select().from(users).where(eq(users.id, me.user.id));
      assert.equal(row!.firstName, "Прежнее", `${method} ${path}`);
      assert.equal(row!.tgLink, null);
      const hobbies = await db.select().from(userHobbies).where(eq(userHobbies.userId, me.user.id));
      assert.deepEqual(
        hobbies.map((link) => link.hobbyId),
        [h1],
      );
    }
    const after = await get(baseUrl, "/auth/users/me/", { access: me.access });
    assert.deepEqual(after.body, me.user);
  });

  test("invalid values → 400 field errors and nothing written", async () => {
    const me = await signUp(baseUrl, { first_name: "Same", birth: "01-01-2000" });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ birth: "31-02-2000" }, "birth"],
      [{ birth: "01-01-2999" }, "birth"],
      [{ first_name: "x".repeat(151) }, "first_name"],
      [{ tg_link: "t".repeat(256) }, "tg_link"],
      [{ is_active_pair: "yes" }, "is_active_pair"],
      [{ hobby: "1" }, "hobby"],
      [{ first_name: 5 }, "first_name"],
      [{ first_name: "ok", last_name: null }, "last_name"],
    ];
    for (const [changes, field] of cases) {
      const body = assertErrorBody(await patchJson(baseUrl, "/api/update/user/", changes, { access: me.access }), 400);
      assert.ok(Array.isArray(body[field]), `${JSON.stringify(changes)}: ${JSON.stringify(body)}`);
    }
    const after = await get(baseUrl, "/auth/users/me/", { access: me.access });
    assert.deepEqual(after.body, me.user);
  });
});
