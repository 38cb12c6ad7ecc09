import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { decodeJwt, get, postJson, request, signUp, uniqueEmail, type Reply, type SignedUp } from "./support/requests";
import { assert401, forgeJwt, refreshRejectedBody, WRONG_CREDENTIALS_BODY } from "./support/tokens";

const { baseUrl } = await startApp();
let user: SignedUp;

before(async () => {
  user = await signUp(baseUrl);
});

const login = (email: string, password: string, path = "/api/token/") => postJson(baseUrl, path, { email, password });
// Bodies the API must refuse as JSON go raw, labelled as JSON.
const JSON_TYPE = { "content-type": "application/json" };

/** The response's single refresh_token cookie. */
function refreshCookie(response: Reply) {
  const cookies = response.cookies.filter((cookie) => cookie.name === "refresh_token");
  assert.equal(cookies.length, 1, `expected one refresh_token cookie, got ${JSON.stringify(response.cookies)}`);
  return cookies[0]!;
}

function assertRussianError(body: Record<string, unknown>): void {
  assert.equal(typeof body.error, "string");
  assert.match(body.error as string, /[А-Яа-яЁё]/);
}

describe("POST /api/token/", () => {
  for (const path of ["/api/token/", "/api/token"]) {
    test(`${path} answers 200 {refresh, access} and sets the refresh cookie`, async () => {
      const response = await login(user.email, user.password, path);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.deepEqual(Object.keys(response.body).sort(), ["access", "refresh"]);
      const cookie = refreshCookie(response);
      assert.equal(cookie.value, response.body.refresh);
      assert.equal(cookie.attributes.httponly, true);
      assert.equal(String(cookie.attributes.samesite).toLowerCase(), "lax");
      assert.equal(cookie.attributes.path, "/");
      assert.equal(cookie.attributes["max-age"], "604800");
      assert.equal(cookie.attributes.secure, undefined, "COOKIE_SECURE=false: no Secure attribute");
    });
  }

  test("issues HS256 JWTs with simplejwt's claims", async () => {
    const startedAt = Math.floor(Date.now() / 1000);
    const { body } = await login(user.email, user.password);
    const endedAt = Math.ceil(Date.now() / 1000);
    const access = decodeJwt(body.access);
    const refresh = decodeJwt(body.refresh);
    for (const [token, type, lifetime] of [
      [access, "access", 900],
      [refresh, "refresh", 604_800],
    ] as const) {
      assert.equal(token.header.alg, "HS256");
      assert.deepEqual(Object.keys(token.payload).sort(), ["exp", "iat", "jti", "token_type", "user_id"]);
      assert.equal(token.payload.token_type, type);
      assert.equal(token.payload.user_id, user.id);
      assert.ok(Number.isInteger(token.payload.user_id), "user_id is an integer, not a string");
      assert.match(String(token.payload.jti), /^[0-9a-f]{32}$/);
      const iat = token.payload.iat as number;
      assert.ok(Number.isInteger(iat) && iat >= startedAt - 1 && iat <= endedAt + 1, `iat ${iat} is now`);
      assert.equal(token.payload.exp, iat + lifetime);
    }
    assert.notEqual(access.payload.jti, refresh.payload.jti);
  });

  test("the access token authenticates and every login gets a fresh refresh token", async () => {
    const first = await login(user.email, user.password);
    const second = await login(user.email, user.password);
    assert.notEqual(first.body.refresh, second.body.refresh);
    const me = await get(baseUrl, "/auth/users/me/", { headers: { authorization: `Bearer ${second.body.access}` } });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, user.id);
  });

  test("the email is matched case-insensitively and trimmed", async () => {
    const mixed = await signUp(baseUrl, { email: uniqueEmail("Mixed.Case").replace("example.test", "Example.Test") });
    // DRF's CharField trims surrounding whitespace (a phone keyboard's trailing space must not fail the login).
    for (const email of [mixed.email.toUpperCase(), mixed.email.toLowerCase(), ` ${mixed.email} `]) {
      const response = await login(email, mixed.password);
      assert.equal(response.status, 200, `login as ${email}`);
      assert.equal(decodeJwt(response.body.access).payload.user_id, mixed.id);
    }
  });

  test("a wrong password or an unknown email is 401 with the exact body", async () => {
    for (const [email, password] of [
      [user.email, "Wrong-password-1"],
      [uniqueEmail("nobody"), user.password],
    ] as const) {
      const response = await login(email, password);
      assert401(response, WRONG_CREDENTIALS_BODY);
      assert.equal(response.cookies.length, 0, "no cookie on failure");
    }
  });

  test("an inactive account cannot log in", async () => {
    const inactive = await signUp(baseUrl);
    await db.update(users).set({ isActive: false }).where(eq(users.id, inactive.id));
    assert401(await login(inactive.email, inactive.password), WRONG_CREDENTIALS_BODY);
  });

  test("missing fields are 400 in DRF's shape", async () => {
    const noPassword = await postJson(baseUrl, "/api/token/", { email: user.email });
    assert.equal(noPassword.status, 400);
    assert.deepEqual(noPassword.body.password, ["This field is required."]);
    assert.deepEqual(Object.keys(noPassword.body).sort(), ["error", "password"]);
    assertRussianError(noPassword.body);

    const empty = await postJson(baseUrl, "/api/token/", {});
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body.email, ["This field is required."]);
    assert.deepEqual(empty.body.password, ["This field is required."]);
    assertRussianError(empty.body);

    const blank = await postJson(baseUrl, "/api/token/", { email: user.email, password: "" });
    assert.equal(blank.status, 400);
    assert.deepEqual(blank.body.password, ["This field may not be blank."]);
  });

  test("wrong types, bad JSON, other media types and methods are 4xx, never 500", async () => {
    const numeric = await postJson(baseUrl, "/api/token/", { email: user.email, password: 12345678 });
    assert.equal(numeric.status, 400);
    assert.ok(Array.isArray(numeric.body.password));

    const malformed = await request(baseUrl, "POST", "/api/token/", { body: "{not json", headers: JSON_TYPE });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.detail, /^JSON parse error - /);
    assertRussianError(malformed.body);

    const array = await request(baseUrl, "POST", "/api/token/", { body: "[]", headers: JSON_TYPE });
    assert.equal(array.status, 400);
    assert.match(array.body.detail, /^JSON parse error - /);

    const text = await request(baseUrl, "POST", "/api/token/", { body: "email=a", headers: { "content-type": "text/plain" } });
    assert.equal(text.status, 415);
    assertRussianError(text.body);

    const byGet = await get(baseUrl, "/api/token/");
    assert.equal(byGet.status, 405);
    assert.equal(byGet.body.detail, 'Method "GET" not allowed.');
    assertRussianError(byGet.body);
    assert.ok(byGet.headers.get("allow")?.includes("POST"));
  });
});

describe("POST /api/token/blacklist/", () => {
  test("revokes the body's refresh token and clears the cookie", async () => {
    const { body: tokens } = await login(user.email, user.password);
    const response = await postJson(baseUrl, "/api/token/blacklist/", { refresh: tokens.refresh });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { signout: "Вы вышли из системы" });
    const cookie = refreshCookie(response);
    assert.equal(cookie.value, "");
    assert.equal(cookie.attributes["max-age"], "0");
    assert.equal(cookie.attributes.path, "/");

    assert401(await postJson(baseUrl, "/api/token/refresh/", { refresh: tokens.refresh }), refreshRejectedBody("Token is blacklisted"));
  });

  test("takes the token from the cookie (also without the trailing slash)", async () => {
    const { body: tokens } = await login(user.email, user.password);
    const cookies = { refresh_token: tokens.refresh };
    const response = await request(baseUrl, "POST", "/api/token/blacklist", { cookies });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { signout: "Вы вышли из системы" });
    assert.equal(refreshCookie(response).attributes["max-age"], "0");
    assert401(await request(baseUrl, "POST", "/api/token/refresh/", { cookies }), refreshRejectedBody("Token is blacklisted"));
  });

  test("a bad, missing, access or already revoked token is 400", async () => {
    const { body: tokens } = await login(user.email, user.password);
    assert.equal((await postJson(baseUrl, "/api/token/blacklist/", { refresh: tokens.refresh })).status, 200);
    for (const body of [{ refresh: "garbage" }, { refresh: tokens.access }, { refresh: tokens.refresh }, {}]) {
      const response = await postJson(baseUrl, "/api/token/blacklist/", body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error, "Не получилось выйти из системы");
      assert.equal(typeof response.body.detail, "string");
      assert.ok(response.body.detail.length > 0);
    }
  });

  test("logging out one session leaves the others alive", async () => {
    const first = await login(user.email, user.password);
    const second = await login(user.email, user.password);
    assert.equal((await postJson(baseUrl, "/api/token/blacklist/", { refresh: first.body.refresh })).status, 200);
    assert.equal((await postJson(baseUrl, "/api/token/refresh/", { refresh: second.body.refresh })).status, 200);
  });
});

describe("POST /api/token/verify/", () => {
  const verify = (body: unknown) => postJson(baseUrl, "/api/token/verify/", body);

  test("a valid access or refresh token is 200 {}", async () => {
    const { body: tokens } = await login(user.email, user.password);
    for (const token of [tokens.access, tokens.refresh]) {
      const response = await verify({ token });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, {});
    }
    assert.equal((await postJson(baseUrl, "/api/token/verify", { token: tokens.access })).status, 200);
  });

  test("garbage, expired, foreign-key and wrong-algorithm tokens are 401 token_not_valid", async () => {
    const candidates = {
      garbage: "not-a-token",
      "three garbage parts": "aaa.bbb.ccc",
      expired: await forgeJwt({ userId: user.id, expiresIn: -60 }),
      "another key": await forgeJwt({ userId: user.id, secret: "some-other-secret-0123456789abcdef" }),
      HS512: await forgeJwt({ userId: user.id, alg: "HS512" }),
    };
    for (const [name, token] of Object.entries(candidates)) {
      const response = await verify({ token });
      assert401(response);
      assert.equal(response.body.code, "token_not_valid", name);
      assert.equal(response.body.error, "Необходимо пройти авторизацию", name);
      assert.equal(typeof response.body.detail, "string", name);
    }
  });

  test("a blacklisted refresh token is 401", async () => {
    const { body: tokens } = await login(user.email, user.password);
    await postJson(baseUrl, "/api/token/blacklist/", { refresh: tokens.refresh });
    assert401(await verify({ token: tokens.refresh }), refreshRejectedBody("Token is blacklisted"));
  });

  test("a missing token is 400 {token: [required]}", async () => {
    const response = await verify({});
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.token, ["This field is required."]);
    assertRussianError(response.body);
    const wrongType = await verify({ token: 42 });
    assert.equal(wrongType.status, 400);
    assert.ok(Array.isArray(wrongType.body.token));
    const method = await get(baseUrl, "/api/token/verify/");
    assert.equal(method.status, 405);
  });
});
