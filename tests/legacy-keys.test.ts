// Generation 1 (API.md §4): djoser token login/logout with per-device legacy keys.
import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertError,
  assertErrorBody,
  assertNoCredentials,
  get,
  postJson,
  request,
  signUp,
  STRONG_PASSWORD,
  uniqueEmail,
  type Reply,
} from "./support/requests";

const { baseUrl } = await startApp();

const LOGIN_PATHS = ["/auth/token/login/", "/auth/token/login", "/api/auth/token/login/", "/api/auth/token/login"];
const LOGOUT_PATHS = ["/auth/token/logout/", "/auth/token/logout", "/api/auth/token/logout/", "/api/auth/token/logout"];
const UNABLE = { non_field_errors: ["Unable to log in with provided credentials."] };
const ME = "/auth/users/me/";

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  request(baseUrl, "POST", path, {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
const withKey = (key: string, keyword = "Token") => ({ headers: { authorization: `${keyword} ${key}` } });

function assertKeyBody(reply: Reply): string {
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(Object.keys(reply.body).sort(), ["auth_token", "token"]);
  assert.match(reply.body.auth_token, /^[0-9a-f]{40}$/);
  assert.equal(reply.body.token, reply.body.auth_token);
  return reply.body.auth_token;
}

describe("POST /auth/token/login/", () => {
  test("email + password (JSON) → 200 {auth_token, token} on every path form; the key authenticates", async () => {
    const user = await signUp(baseUrl);
    for (const path of LOGIN_PATHS) {
      const key = assertKeyBody(await postJson(baseUrl, path, { email: user.email, password: user.password }));
      for (const keyword of ["Token", "token"]) {
        const me = await get(baseUrl, ME, withKey(key, keyword));
        assert.equal(me.status, 200, `${path} ${keyword}: ${me.text}`);
        assert.equal(me.body.email, user.email);
      }
    }
  });

  test("username (= email) in a urlencoded form is accepted too", async () => {
    const user = await signUp(baseUrl);
    const key = assertKeyBody(await postForm("/auth/token/login/", { username: user.email, password: user.password }));
    assert.equal((await get(baseUrl, "/users/api/hobby/total/", withKey(key))).status, 200);
    assertKeyBody(await postJson(baseUrl, "/api/auth/token/login", { username: user.email.toUpperCase(), password: user.password }));
  });

  test("every login mints a new key and earlier keys keep working (several devices)", async () => {
    const user = await signUp(baseUrl);
    const first = assertKeyBody(await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: user.password }));
    const second = assertKeyBody(await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: user.password }));
    assert.notEqual(first, second);
    assert.notEqual(first, user.token);
    for (const key of [first, second, user.token]) assert.equal((await get(baseUrl, ME, withKey(key))).status, 200);
  });

  test("wrong password or unknown account → 400 non_field_errors with the Russian error", async () => {
    const user = await signUp(baseUrl);
    const cases = [
      { email: user.email, password: "Wrong-password-1" },
      { email: uniqueEmail("nobody"), password: STRONG_PASSWORD },
      { username: user.email, password: "Wrong-password-1" },
    ];
    for (const body of cases) {
      const reply = await postJson(baseUrl, "/auth/token/login/", body);
      assert.equal(reply.status, 400, reply.text);
      assert.deepEqual(reply.body, { ...UNABLE, error: "Неверный email или пароль" });
    }
    const form = await postForm("/api/auth/token/login/", { username: user.email, password: "nope-nope-nope" });
    assert.deepEqual(form.body, { ...UNABLE, error: "Неверный email или пароль" });
  });

  test("a missing login or password is djoser's non_field_errors too (API.md §4)", async () => {
    const user = await signUp(baseUrl);
    const missing = [{ email: user.email }, { username: user.email }, { password: STRONG_PASSWORD }, {}];
    for (const body of missing) {
      const reply = await postJson(baseUrl, "/auth/token/login/", body);
      assert.equal(reply.status, 400, reply.text);
      assert.deepEqual(reply.body, { ...UNABLE, error: "Неверный email или пароль" });
    }
    assert.deepEqual((await postForm("/api/auth/token/login", {})).body, { ...UNABLE, error: "Неверный email или пароль" });
  });

  test("malformed fields → 400 field errors, never a 500", async () => {
    const user = await signUp(baseUrl);
    for (const body of [
      { email: user.email, password: 42 },
      { email: ["x"], password: "p" },
      { email: "a\u0000b@x.ru", password: "p" },
      { email: "a".repeat(300), password: "p" },
    ]) {
      assertErrorBody(await postJson(baseUrl, "/auth/token/login/", body), 400);
    }
    assertErrorBody(
      await request(baseUrl, "POST", "/auth/token/login/", { body: "[1]", headers: { "content-type": "application/json" } }),
      400,
    );
    assertErrorBody(
      await request(baseUrl, "POST", "/auth/token/login/", { body: "{", headers: { "content-type": "application/json" } }),
      400,
    );
    assertErrorBody(await request(baseUrl, "POST", "/auth/token/login/", { body: "x", headers: { "content-type": "text/plain" } }), 415);
    const wrongMethod = await get(baseUrl, "/auth/token/login/");
    assertErrorBody(wrongMethod, 405);
    assert.match(wrongMethod.headers.get("allow") ?? "", /POST/);
  });

  test("failed logins are rate limited per account: the 11th attempt is 429 even with the right password", async () => {
    const user = await signUp(baseUrl);
    for (let attempt = 0; attempt < 10; attempt++) {
      assert.equal((await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: `Wrong-${attempt}-pass` })).status, 400);
    }
    const refused = await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: user.password });
    assertErrorBody(refused, 429);
    assert.match(refused.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
    assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
  });
});

describe("POST /auth/token/logout/", () => {
  test("Token k → 204 and exactly that key is deleted, on every path form", async () => {
    const user = await signUp(baseUrl);
    for (const path of LOGOUT_PATHS) {
      const key = assertKeyBody(await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: user.password }));
      const reply = await request(baseUrl, "POST", path, withKey(key, path.startsWith("/api") ? "token" : "Token"));
      assert.equal(reply.status, 204, `${path}: ${reply.text}`);
      assert.equal(reply.text, "");
      const after = await get(baseUrl, ME, withKey(key));
      assertError(after, 401, { detail: "Invalid token." });
      // The key from sign-up (another device) is untouched.
      assert.equal((await get(baseUrl, ME, withKey(user.token))).status, 200);
    }
  });

  test("no credentials, a bad key, or a JWT instead of a key → 401", async () => {
    const user = await signUp(baseUrl);
    assertNoCredentials(await request(baseUrl, "POST", "/auth/token/logout/"));
    assertError(await request(baseUrl, "POST", "/auth/token/logout/", withKey("0".repeat(40))), 401, { detail: "Invalid token." });
    assertError(await request(baseUrl, "POST", "/auth/token/logout/", withKey("not-a-key")), 401, { detail: "Invalid token." });
    const withJwt = await request(baseUrl, "POST", "/auth/token/logout/", { access: user.access });
    assert.equal(withJwt.status, 401, withJwt.text);
    assert.equal(withJwt.headers.get("www-authenticate"), 'Bearer realm="api"');
    // Nothing was deleted by the refused calls.
    assert.equal((await get(baseUrl, ME, withKey(user.token))).status, 200);
  });
});

describe("generation-1 sign-up", () => {
  test("age instead of birth is accepted and the response's token is a working key", async () => {
    const reply = await postJson(baseUrl, "/users/api/register/", {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      first_name: "Старый",
      last_name: "Клиент",
      age: 31,
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.user.age, 31);
    assert.equal(reply.body.user.birth, null);
    assert.match(reply.body.token, /^[0-9a-f]{40}$/);
    const me = await get(baseUrl, ME, withKey(reply.body.token, "token"));
    assert.equal(me.status, 200);
    assert.equal(me.body.age, 31);
  });
});
