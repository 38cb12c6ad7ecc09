import assert from "node:assert/strict";
import { describe, test } from "node:test";

// In sequence: the bot settings must be in the environment before the app's modules load.
const { assertSession, configureTelegram, nowSeconds, signWidget, telegramId, widgetLogin } = await import("./support/telegram");
const telegram = await configureTelegram();
const { startApp } = await import("./support/app");
const { get, postJson, signUp, assertErrorBody } = await import("./support/requests");
const { eq } = await import("drizzle-orm");
const { db } = await import("@/db/client");
const { users } = await import("@/db/schema");

const { baseUrl } = await startApp();

const INVALID = { error: "Invalid tg auth" };
const PREFIXES = [
  { path: "/users/api/tg-auth/", generation: 2 },
  { path: "/api/tg-auth/", generation: 3 },
] as const;

type Hobby = { id: number; name: string };
const allHobbies: Hobby[] = (await get(baseUrl, "/api/hobby/all/")).body;

const usersWithChat = (chatId: number | string) =>
  db
    .select()
    .from(users)
    .where(eq(users.chatId, String(chatId)));

for (const { path, generation } of PREFIXES) {
  describe(`POST ${path} (generation ${generation})`, () => {
    test("a new Telegram user gets an account (201): no email, names, chat_id and tg_link from Telegram", async () => {
      const login = widgetLogin();
      const reply = await postJson(baseUrl, path, login);
      assertSession(reply, 201);
      assert.deepEqual(reply.body.user, {
        id: reply.body.user.id,
        first_name: "Иван",
        last_name: "Телеграмов",
        email: null,
        birth: null,
        age: null,
        chat_id: String(login.id),
        image: null,
        hobby: [],
        tg_link: `@${login.username}`,
        is_active_pair: true,
      });
      const me = await get(baseUrl, generation === 2 ? "/auth/users/me/" : "/api/auth/users/me/", { access: reply.body.access });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.id, reply.body.user.id);
      const [stored] = await usersWithChat(login.id);
      assert.equal(stored?.passwordHash, null);
    });

    test("the same Telegram user logs in again (200) to the same account, with fresh tokens", async () => {
      const first = await postJson(baseUrl, path, widgetLogin({ id: telegramId() }));
      assertSession(first, 201);
      const again = await postJson(baseUrl, path, widgetLogin({ id: Number(first.body.user.chat_id), first_name: "Другое имя" }));
      assertSession(again, 200);
      assert.equal(again.body.user.id, first.body.user.id);
      assert.equal(again.body.user.first_name, "Иван", "a login does not rename the account");
      assert.notEqual(again.body.refresh, first.body.refresh);
      assert.equal((await usersWithChat(first.body.user.chat_id)).length, 1);
    });

    test("a Telegram user without username or last name gets tg_link null and an empty last name", async () => {
      const reply = await postJson(baseUrl, path, widgetLogin({ username: undefined, last_name: undefined, photo_url: undefined }));
      assertSession(reply, 201);
      assert.equal(reply.body.user.tg_link, null);
      assert.equal(reply.body.user.last_name, "");
    });

    test("logged in: links the Telegram account to the current user (201) and fills tg_link", async () => {
      const hobby = [allHobbies[0]!.id, allHobbies[2]!.id];
      const member = await signUp(baseUrl, { birth: "2001-04-05", hobby });
      const login = widgetLogin();
      const reply = await postJson(baseUrl, path, login, { access: member.access });
      assertSession(reply, 201);
      const { user } = reply.body;
      assert.equal(user.id, member.user.id);
      assert.equal(user.email, member.email);
      assert.equal(user.chat_id, String(login.id));
      assert.equal(user.tg_link, `@${login.username}`);
      assert.equal(user.birth, generation === 2 ? "05-04-2001" : "2001-04-05");
      assert.deepEqual(user.hobby, generation === 2 ? hobby : [allHobbies[0], allHobbies[2]]);
      // Linking again with the same Telegram account is harmless.
      assertSession(await postJson(baseUrl, path, widgetLogin({ id: login.id }), { access: member.access }), 201);
      // And a later login without credentials reaches the same account.
      const later = await postJson(baseUrl, path, widgetLogin({ id: login.id }));
      assertSession(later, 200);
      assert.equal(later.body.user.id, member.user.id);
    });

    test("linking keeps a tg_link the user already has and works with a legacy key", async () => {
      const member = await signUp(baseUrl, { tg_link: "@own_handle" });
      const login = widgetLogin();
      const reply = await postJson(baseUrl, path, login, { headers: { authorization: `Token ${member.token}` } });
      assertSession(reply, 201);
      assert.equal(reply.body.user.id, member.user.id);
      assert.equal(reply.body.user.tg_link, "@own_handle");
      assert.equal(reply.body.user.chat_id, String(login.id));
    });

    test("409 when the Telegram account is already another user's, and nothing changes", async () => {
      const owner = await postJson(baseUrl, path, widgetLogin());
      assertSession(owner, 201);
      const member = await signUp(baseUrl);
      const reply = await postJson(baseUrl, path, widgetLogin({ id: Number(owner.body.user.chat_id) }), { access: member.access });
      const body = assertErrorBody(reply, 409);
      assert.equal(typeof body.detail, "string");
      assert.match(body.error, /уже привязан/);
      assert.equal(reply.headers.getSetCookie().length, 0);
      const me = await get(baseUrl, "/api/auth/users/me/", { access: member.access });
      assert.equal(me.body.chat_id, null);
      assert.equal(me.body.tg_link, null);
      const holders = await usersWithChat(owner.body.user.chat_id);
      assert.deepEqual(
        holders.map((user) => user.id),
        [owner.body.user.id],
      );
    });

    test("an invalid access token is a 401, not an anonymous login", async () => {
      const reply = await postJson(baseUrl, path, widgetLogin(), { access: "not.a.jwt" });
      assert.equal(reply.status, 401, reply.text);
    });

    test("a bad hash, a tampered field, another bot's signature → 400 Invalid tg auth, nothing written", async () => {
      const login = widgetLogin();
      const wrongHash = { ...login, hash: (login.hash[0] === "a" ? "b" : "a") + login.hash.slice(1) };
      const tampered = { ...login, first_name: "Злоумышленник" };
      const otherBot = signWidget({ id: login.id, first_name: "Иван", auth_date: nowSeconds() }, "999:other-bot-token");
      const unsignedExtra = { ...login, is_premium: "true" };
      for (const payload of [wrongHash, tampered, otherBot, unsignedExtra]) {
        const reply = await postJson(baseUrl, path, payload, { headers: { "x-forwarded-for": "203.0.113.10" } });
        assert.equal(reply.status, 400, reply.text);
        assert.deepEqual(reply.body, INVALID);
        assert.equal(reply.headers.getSetCookie().length, 0);
      }
      assert.equal((await usersWithChat(login.id)).length, 0);
    });

    test("auth_date older than 24 hours or in the future → 400 Invalid tg auth; a little clock skew is fine", async () => {
      for (const authDate of [nowSeconds() - 24 * 3600 - 5, nowSeconds() + 3600, nowSeconds() + 120]) {
        const reply = await postJson(baseUrl, path, widgetLogin({ auth_date: authDate }), {
          headers: { "x-forwarded-for": "203.0.113.11" },
        });
        assert.equal(reply.status, 400, `auth_date ${authDate - nowSeconds()} s from now: ${reply.text}`);
        assert.deepEqual(reply.body, INVALID);
      }
      assertSession(await postJson(baseUrl, path, widgetLogin({ auth_date: nowSeconds() - 24 * 3600 + 60 })), 201);
      assertSession(await postJson(baseUrl, path, widgetLogin({ auth_date: nowSeconds() + 20 })), 201);
    });

    test("extra fields the widget signed are part of the check; an upper-case hash is accepted", async () => {
      const withExtra = widgetLogin({ allows_write_to_pm: "true" });
      assertSession(await postJson(baseUrl, path, withExtra), 201);
      const login = widgetLogin();
      assertSession(await postJson(baseUrl, path, { ...login, hash: login.hash.toUpperCase() }), 201);
    });
  });
}

describe('tg-auth: every payload that cannot be verified is the contract\'s 400 "Invalid tg auth", never a 500, and no attempt', () => {
  test("missing fields, on both generations' paths", async () => {
    const { hash: _hash, ...withoutHash } = widgetLogin();
    for (const path of ["/api/tg-auth/", "/users/api/tg-auth", "/users/api/tg-auth/"]) {
      for (const payload of [{}, withoutHash]) {
        const reply = await postJson(baseUrl, path, payload);
        assert.equal(reply.status, 400, reply.text);
        assert.deepEqual(reply.body, { error: "Invalid tg auth" });
      }
    }
  });

  test("wrong types and lengths", async () => {
    const login = widgetLogin();
    const cases: Array<Record<string, unknown>> = [
      { ...login, id: String(login.id) },
      { ...login, id: -5 },
      { ...login, auth_date: 1.5 },
      { ...login, auth_date: null },
      { ...login, hash: 12345 },
      { ...login, hash: "abc" },
      { ...login, first_name: 7 },
      { ...login, username: ["x"] },
      { ...login, last_name: "я".repeat(151) },
      { ...login, first_name: "a\u0000b" },
      { ...login, extra: { nested: true } },
      { ...login, constructor: "x", toString: "y" },
      { constructor: {} },
      { toString: "x" },
      { ...login, hasOwnProperty: {}, valueOf: [] },
    ];
    for (const payload of cases) {
      const reply = await postJson(baseUrl, "/api/tg-auth/", payload);
      assert.equal(reply.status, 400, reply.text);
      assert.deepEqual(reply.body, { error: "Invalid tg auth" });
    }
    assert.equal((await usersWithChat(login.id)).length, 0);
  });

  test("not a JSON object, or not JSON at all", async () => {
    const array = await postJson(baseUrl, "/api/tg-auth/", [widgetLogin()]);
    assert.equal(array.status, 400);
    assert.match(array.body.detail, /^JSON parse error - /);
    const broken = await postJson(baseUrl, "/api/tg-auth/", undefined, { body: "{", headers: { "content-type": "application/json" } });
    assert.equal(broken.status, 400);
    const form = await postJson(baseUrl, "/api/tg-auth/", undefined, {
      body: "id=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(form.status, 415);
  });

  test("only POST", async () => {
    const reply = await get(baseUrl, "/api/tg-auth/");
    assert.equal(reply.status, 405);
    assert.equal(reply.headers.get("allow"), "POST, OPTIONS");
  });
});

test("logins never call the Bot API", () => {
  assert.deepEqual(telegram.calls, []);
});
