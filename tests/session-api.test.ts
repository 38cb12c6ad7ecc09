// The FastAPI-style session API (API.md §7), including "log out everywhere".
import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { createOAuthClient } from "@/lib/auth/oauth/clients";
import { SPA_ORIGIN } from "./support/env";
import {
  assertError,
  assertErrorBody,
  assertNoCredentials,
  get,
  NO_CREDENTIALS,
  postJson,
  request,
  signUp,
  STRONG_PASSWORD,
  uniqueEmail,
  type Reply,
} from "./support/requests";

const { baseUrl } = await startApp();

const WRONG = { detail: "Incorrect username or password", error: "Неверный email или пароль" };
const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const withCookie = (refresh: string, headers: Record<string, string> = {}) => ({
  headers: { cookie: `refresh_token=${refresh}`, ...headers },
});

function refreshCookie(reply: Reply) {
  const cookies = reply.cookies.filter((cookie) => cookie.name === "refresh_token");
  assert.equal(cookies.length, 1, `expected one refresh_token cookie: ${reply.headers.getSetCookie().join(" | ")}`);
  return cookies[0]!;
}

function assertLoginBody(reply: Reply, status = 200): { access: string; refresh: string } {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.body.token_type, "bearer");
  assert.match(reply.body.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.match(reply.body.refresh_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  const cookie = refreshCookie(reply);
  assert.equal(cookie.value, reply.body.refresh_token);
  assert.equal(cookie.attributes.httponly, true);
  assert.equal(String(cookie.attributes.samesite).toLowerCase(), "lax");
  assert.equal(cookie.attributes.path, "/");
  return { access: reply.body.access_token, refresh: reply.body.refresh_token };
}

describe("POST /auth/login", () => {
  test("form or JSON username/password → 200 {access_token, refresh_token, token_type} and the cookie, both slash forms", async () => {
    const user = await signUp(baseUrl);
    for (const path of ["/auth/login", "/auth/login/"]) {
      const byForm = await request(
        baseUrl,
        "POST",
        path,
        form({ username: user.email, password: user.password, grant_type: "password", scope: "" }),
      );
      assertLoginBody(byForm);
      assert.deepEqual(Object.keys(byForm.body).sort(), ["access_token", "refresh_token", "token_type"]);
      const { access } = assertLoginBody(await postJson(baseUrl, path, { username: user.email, password: user.password }));
      const me = await get(baseUrl, "/auth/me", { access });
      assert.equal(me.status, 200);
      assert.equal(me.body.id, user.user.id);
    }
  });

  test("wrong password or unknown user → 401 with the exact body; bad input → 400", async () => {
    const user = await signUp(baseUrl);
    for (const body of [
      { username: user.email, password: "Wrong-pass-123" },
      { username: uniqueEmail(), password: STRONG_PASSWORD },
    ]) {
      const reply = await postJson(baseUrl, "/auth/login", body);
      assert.equal(reply.status, 401, reply.text);
      assert.deepEqual(reply.body, WRONG);
      assert.equal(reply.headers.get("www-authenticate"), 'Bearer realm="api"');
    }
    assert.deepEqual((await request(baseUrl, "POST", "/auth/login/", form({ username: user.email, password: "x" }))).body, WRONG);
    assertError(await postJson(baseUrl, "/auth/login", { password: STRONG_PASSWORD }), 400, { username: ["This field is required."] });
    assertError(await postJson(baseUrl, "/auth/login", { username: user.email }), 400, { password: ["This field is required."] });
    assertErrorBody(await postJson(baseUrl, "/auth/login", { username: 5, password: [] }), 400);
    assertErrorBody(await request(baseUrl, "POST", "/auth/login", { body: "x", headers: { "content-type": "text/plain" } }), 415);
    assertErrorBody(await get(baseUrl, "/auth/login"), 405);
  });
});

describe("POST /auth/refresh", () => {
  test("refresh_token in JSON, form or the cookie → 200 {access_token, token_type}, no rotation", async () => {
    const user = await signUp(baseUrl);
    const { refresh } = assertLoginBody(await postJson(baseUrl, "/auth/login", { username: user.email, password: user.password }));
    const replies = [
      await postJson(baseUrl, "/auth/refresh", { refresh_token: refresh }),
      await request(baseUrl, "POST", "/auth/refresh/", form({ refresh_token: refresh })),
      await request(baseUrl, "POST", "/auth/refresh", withCookie(refresh)),
      await request(baseUrl, "POST", "/auth/refresh/", withCookie(refresh, { origin: SPA_ORIGIN })),
    ];
    for (const reply of replies) {
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), ["access_token", "token_type"]);
      assert.equal(reply.body.token_type, "bearer");
      assert.equal(reply.headers.getSetCookie().length, 0, "no rotation, no new cookie");
      assert.equal((await get(baseUrl, "/auth/me", { access: reply.body.access_token })).status, 200);
    }
  });

  test("no token → 401 no credentials; a bad, access or revoked token → 401 token_not_valid", async () => {
    const user = await signUp(baseUrl);
    assertNoCredentials(await postJson(baseUrl, "/auth/refresh", {}));
    for (const token of ["garbage", user.access, `${user.refresh}x`]) {
      const reply = await postJson(baseUrl, "/auth/refresh", { refresh_token: token });
      assertError(reply, 401, { detail: "Token is invalid or expired", code: "token_not_valid" });
    }
    assert.equal((await postJson(baseUrl, "/auth/logout", { refresh_token: user.refresh })).status, 200);
    assertError(await postJson(baseUrl, "/auth/refresh", { refresh_token: user.refresh }), 401, {
      detail: "Token is blacklisted",
      code: "token_not_valid",
    });
    assertErrorBody(await postJson(baseUrl, "/auth/refresh", { refresh_token: 12 }), 400);
  });

  test("the cookie from a foreign origin is refused with 403", async () => {
    const user = await signUp(baseUrl);
    assertErrorBody(await request(baseUrl, "POST", "/auth/refresh", withCookie(user.refresh, { origin: "http://evil.example" })), 403);
  });
});

describe("GET /auth/me", () => {
  test("the user with username = email and is_admin = is_staff, with every header form", async () => {
    const user = await signUp(baseUrl, { first_name: "Анна", last_name: "Иванова", age: 20 });
    for (const options of [{ access: user.access }, { headers: { authorization: `Token ${user.token}` } }]) {
      const me = await get(baseUrl, "/auth/me/", options);
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.id, user.user.id);
      assert.equal(me.body.username, user.email);
      assert.equal(me.body.email, user.email);
      assert.equal(me.body.first_name, "Анна");
      assert.equal(me.body.last_name, "Иванова");
      assert.equal(me.body.is_admin, false);
      assert.equal(me.body.age, 20);
    }
    await db.update(users).set({ isStaff: true }).where(eq(users.id, user.user.id));
    assert.equal((await get(baseUrl, "/auth/me", { access: user.access })).body.is_admin, true);
    assertNoCredentials(await get(baseUrl, "/auth/me"));
  });
});

describe("POST /auth/logout", () => {
  test("→ 200 {detail: Logged out}: the refresh token (body or cookie) is revoked and the cookie cleared", async () => {
    const user = await signUp(baseUrl);
    const login = () =>
      postJson(baseUrl, "/auth/login", { username: user.email, password: user.password }).then((reply) => assertLoginBody(reply));
    for (const send of [
      (refresh: string) => postJson(baseUrl, "/auth/logout/", { refresh_token: refresh }),
      (refresh: string) => request(baseUrl, "POST", "/auth/logout", withCookie(refresh)),
    ]) {
      const { refresh } = await login();
      const reply = await send(refresh);
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(reply.body, { detail: "Logged out" });
      const cookie = refreshCookie(reply);
      assert.equal(cookie.value, "");
      assert.equal(cookie.attributes["max-age"], "0");
      assert.equal((await postJson(baseUrl, "/auth/refresh", { refresh_token: refresh })).status, 401);
      assert.equal((await postJson(baseUrl, "/api/token/refresh/", { refresh })).status, 401);
    }
    // Nothing to revoke is still a logout.
    assert.deepEqual((await postJson(baseUrl, "/auth/logout", {})).body, { detail: "Logged out" });
    assert.deepEqual((await postJson(baseUrl, "/auth/logout", { refresh_token: "garbage" })).body, { detail: "Logged out" });
  });
});

describe("POST /auth/register", () => {
  test("201 with the login body plus the generation-2 user, and the cookie; errors as sign-up", async () => {
    const email = uniqueEmail();
    for (const path of ["/auth/register", "/auth/register/"]) {
      const address = path.endsWith("/") ? uniqueEmail() : email;
      const reply = await postJson(baseUrl, path, {
        email: address,
        password: STRONG_PASSWORD,
        first_name: "Пётр",
        last_name: "Сидоров",
        birth: "2000-03-02",
        hobby: [1],
      });
      const { access } = assertLoginBody(reply, 201);
      assert.deepEqual(Object.keys(reply.body).sort(), ["access_token", "refresh_token", "token_type", "user"]);
      assert.equal(reply.body.user.email, address);
      assert.equal(reply.body.user.birth, "02-03-2000");
      assert.deepEqual(reply.body.user.hobby, [1]);
      assert.equal((await get(baseUrl, "/auth/me", { access })).body.username, address);
    }
    assertError(await postJson(baseUrl, "/auth/register", { email, password: STRONG_PASSWORD }), 400, {
      email: ["user with this email already exists."],
    });
    assertError(await postJson(baseUrl, "/auth/register", { email: uniqueEmail() }), 400, { password: ["This field is required."] });
    const badHobby = await postJson(baseUrl, "/auth/register", { email: uniqueEmail(), password: STRONG_PASSWORD, hobby: [99_999] });
    assertError(badHobby, 400, { hobby: ['Invalid pk "99999" - object does not exist.'] });
  });
});

describe("POST /auth/revoke (log out everywhere)", () => {
  test("kills every kind of token: JWT refresh, legacy keys, OAuth access and refresh", async () => {
    const user = await signUp(baseUrl);
    const other = await signUp(baseUrl);
    const session = assertLoginBody(await postJson(baseUrl, "/auth/login", { username: user.email, password: user.password }));
    const key = (await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: user.password })).body.auth_token as string;
    const client = await createOAuthClient({ name: "revoke-test" });
    const oauth = await postJson(baseUrl, "/auth/token/", {
      grant_type: "password",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      username: user.email,
      password: user.password,
    });
    assert.equal(oauth.status, 200, oauth.text);
    assert.equal((await get(baseUrl, "/auth/me", { headers: { authorization: `Bearer ${oauth.body.access_token}` } })).status, 200);

    const reply = await postJson(baseUrl, "/auth/revoke/", {}, { headers: { authorization: `Token ${key}` } });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(refreshCookie(reply).attributes["max-age"], "0");

    for (const refresh of [user.refresh, session.refresh]) {
      assertError(await postJson(baseUrl, "/api/token/refresh/", { refresh }), 401, {
        detail: "Token is blacklisted",
        code: "token_not_valid",
      });
      assert.equal((await postJson(baseUrl, "/auth/refresh", { refresh_token: refresh })).status, 401);
    }
    for (const legacy of [key, user.token])
      assertError(await get(baseUrl, "/auth/users/me/", { headers: { authorization: `Token ${legacy}` } }), 401, {
        detail: "Invalid token.",
      });
    const oauthMe = await get(baseUrl, "/auth/me", { headers: { authorization: `Bearer ${oauth.body.access_token}` } });
    assertError(oauthMe, 401, {
      detail: "Given token not valid for any token type",
      code: "token_not_valid",
      messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
    });
    const oauthRefresh = await postJson(baseUrl, "/auth/token/", {
      grant_type: "refresh_token",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: oauth.body.refresh_token,
    });
    assert.equal(oauthRefresh.status, 400);
    assert.equal(oauthRefresh.body.error, "invalid_grant");

    // Another user's sessions are untouched, and the user can simply log in again.
    assert.equal((await get(baseUrl, "/auth/users/me/", { headers: { authorization: `Token ${other.token}` } })).status, 200);
    assert.equal((await postJson(baseUrl, "/api/token/refresh/", { refresh: other.refresh })).status, 200);
    assertLoginBody(await postJson(baseUrl, "/auth/login", { username: user.email, password: user.password }));
  });

  test("without credentials → 401", async () => {
    const reply = await postJson(baseUrl, "/auth/revoke", {});
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body, NO_CREDENTIALS);
  });
});
