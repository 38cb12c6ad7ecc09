// POST /auth/convert-token/ (API.md §6) against fake Google, Yandex and VK user-info endpoints.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import { get, postJson, request, signUp, type Reply } from "./support/requests";

// In sequence: the fakes' URLs must be in the environment before the app's modules read it.
const { startFakeProvidersForFile } = await import("./support/fake-oauth-providers");
const fake = await startFakeProvidersForFile();
after(() => fake.close());
const { startApp } = await import("./support/app");
const { baseUrl } = await startApp();
const { eq } = await import("drizzle-orm");
const { db } = await import("@/db/client");
const { users } = await import("@/db/schema");
const { createOAuthClient } = await import("@/lib/auth/oauth/clients");

const client = await createOAuthClient({ name: "convert-test" });
const credentials = { client_id: client.clientId, client_secret: client.clientSecret };
const providerToken = () => `ya29.${randomBytes(12).toString("hex")}`;
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
});
const convert = (fields: Record<string, unknown>, path = "/auth/convert-token/") =>
  postJson(baseUrl, path, { grant_type: "convert_token", ...credentials, ...fields });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

function assertTokenBody(reply: Reply): { access: string; refresh: string } {
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(Object.keys(reply.body).sort(), ["access_token", "expires_in", "refresh_token", "scope", "token_type"]);
  assert.equal(reply.body.expires_in, 36000);
  assert.equal(reply.body.token_type, "Bearer");
  assert.equal(reply.body.scope, "read write");
  assert.match(reply.body.access_token, /^[A-Za-z0-9_-]{30}$/);
  assert.match(reply.body.refresh_token, /^[A-Za-z0-9_-]{30}$/);
  assert.notEqual(reply.body.access_token, reply.body.refresh_token);
  return { access: reply.body.access_token, refresh: reply.body.refresh_token };
}

function assertOAuthError(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.deepEqual(Object.keys(reply.body).sort(), ["error", "error_description"]);
  assert.equal(reply.body.error, code);
  assert.match(reply.body.error_description, /[А-Яа-яЁё]/, "a Russian description");
}

describe("convert-token for each provider, then an authenticated call", () => {
  test("google-oauth2 (JSON): Bearer to the userinfo endpoint; a new user is created with the verified email", async () => {
    const token = providerToken();
    const email = `g-${randomBytes(4).toString("hex")}@gmail.test`;
    fake.accept("google", token, {
      sub: `1${randomBytes(8).readBigUInt64BE()}`,
      email,
      email_verified: true,
      given_name: "Гугл",
      family_name: "Юзер",
      picture: "https://x/p.png",
    });
    const tokens = assertTokenBody(await convert({ backend: "google-oauth2", token }));
    const call = fake.calls.at(-1)!;
    assert.equal(call.provider, "google");
    assert.equal(call.authorization, `Bearer ${token}`);
    const me = await get(baseUrl, "/auth/me", bearer(tokens.access));
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.email, email);
    assert.equal(me.body.first_name, "Гугл");
    assert.equal(me.body.last_name, "Юзер");
    for (const path of ["/users/api/hobby/total/", "/api/auth/users/me/", "/auth/users/me"])
      assert.equal((await get(baseUrl, path, bearer(tokens.access))).status, 200, path);
  });

  test("yandex-oauth2 (form): `OAuth <token>` to login.yandex.ru/info; default_email links to the existing account", async () => {
    const existing = await signUp(baseUrl);
    const token = providerToken();
    fake.accept("yandex", token, {
      id: "1130000012345678",
      login: "ivan",
      client_id: "abc",
      default_email: existing.email.toUpperCase(),
      emails: [existing.email],
      first_name: "Иван",
      last_name: "Яндексов",
      psuid: "1.x",
    });
    const reply = await request(
      baseUrl,
      "POST",
      "/auth/convert-token",
      form({ grant_type: "convert_token", ...credentials, backend: "yandex-oauth2", token }),
    );
    const tokens = assertTokenBody(reply);
    const call = fake.calls.at(-1)!;
    assert.equal(call.authorization, `OAuth ${token}`);
    assert.match(call.url, /format=json/);
    const me = await get(baseUrl, "/auth/users/me/", bearer(tokens.access));
    assert.equal(me.body.id, existing.user.id, "linked by the verified email");
    assert.equal(me.body.first_name, "Тест", "an existing profile is not overwritten");
  });

  test("vk-oauth2: users.get with access_token and v in a POST form; VK gives no email, so a new account has none", async () => {
    const token = providerToken();
    fake.accept("vk", token, { id: 210700286, first_name: "Вера", last_name: "Вконтактова", can_access_closed: true, is_closed: false });
    const tokens = assertTokenBody(await convert({ backend: "vk-oauth2", token }, "/auth/convert-token"));
    const call = fake.calls.at(-1)!;
    assert.equal(call.method, "POST");
    assert.equal(call.form.access_token, token);
    assert.match(call.form.v ?? "", /^5\.\d+$/);
    assert.equal(call.authorization, undefined);
    const me = await get(baseUrl, "/auth/me", bearer(tokens.access));
    assert.equal(me.status, 200);
    assert.equal(me.body.email, null);
    assert.equal(me.body.first_name, "Вера");
  });

  test("the same provider identity signs in to the same account; /auth/token/ accepts convert_token too", async () => {
    const first = providerToken();
    const second = providerToken();
    const profile = { id: `${Date.now()}`, first_name: "Повтор", last_name: "Входов" };
    fake.accept("yandex", first, profile);
    fake.accept("yandex", second, profile);
    const a = assertTokenBody(await convert({ backend: "yandex-oauth2", token: first }));
    const b = assertTokenBody(await convert({ backend: "yandex-oauth2", token: second }, "/auth/token/"));
    assert.notEqual(a.access, b.access);
    const [meA, meB] = await Promise.all([get(baseUrl, "/auth/me", bearer(a.access)), get(baseUrl, "/auth/me", bearer(b.access))]);
    assert.equal(meA.body.id, meB.body.id);
  });

  test("an email Google does not mark verified never links to an existing account", async () => {
    const victim = await signUp(baseUrl);
    const token = providerToken();
    fake.accept("google", token, {
      sub: `9${Date.now()}`,
      email: victim.email,
      email_verified: false,
      given_name: "Чужой",
      family_name: "",
    });
    const tokens = assertTokenBody(await convert({ backend: "google-oauth2", token }));
    const me = await get(baseUrl, "/auth/me", bearer(tokens.access));
    assert.notEqual(me.body.id, victim.user.id);
    assert.equal(me.body.email, null);
  });

  test("a disabled account cannot sign in → 400 invalid_grant", async () => {
    const user = await signUp(baseUrl);
    await db.update(users).set({ isActive: false }).where(eq(users.id, user.user.id));
    const token = providerToken();
    fake.accept("google", token, { sub: `7${Date.now()}`, email: user.email, email_verified: true });
    assertOAuthError(await convert({ backend: "google-oauth2", token }), 400, "invalid_grant");
  });
});

describe("convert-token errors", () => {
  test("a token the provider rejects → 400 invalid_grant, for each provider (VK's error comes with a 200)", async () => {
    for (const backend of ["google-oauth2", "yandex-oauth2", "vk-oauth2"]) {
      assertOAuthError(await convert({ backend, token: "expired-or-forged" }), 400, "invalid_grant");
    }
    fake.failWith("google", 500);
    try {
      const token = providerToken();
      fake.accept("google", token, { sub: "1" });
      assertOAuthError(await convert({ backend: "google-oauth2", token }), 400, "invalid_grant");
    } finally {
      fake.failWith("google", null);
    }
  });

  test("unknown client or wrong secret → 401 invalid_client, and the provider is not asked", async () => {
    const token = providerToken();
    fake.accept("google", token, { sub: "2", email: "x@y.test", email_verified: true });
    const calls = fake.calls.length;
    assertOAuthError(await convert({ backend: "google-oauth2", token, client_secret: `${client.clientSecret}x` }), 401, "invalid_client");
    assertOAuthError(await convert({ backend: "google-oauth2", token, client_id: "no-such-client" }), 401, "invalid_client");
    const formReply = await request(
      baseUrl,
      "POST",
      "/auth/convert-token/",
      form({ grant_type: "convert_token", client_id: client.clientId, client_secret: "wrong", backend: "google-oauth2", token }),
    );
    assertOAuthError(formReply, 401, "invalid_client");
    assert.equal(fake.calls.length, calls);
  });

  test("an unsupported grant_type → 400 unsupported_grant_type", async () => {
    for (const grantType of ["authorization_code", "client_credentials", "nonsense"]) {
      assertOAuthError(await convert({ grant_type: grantType, backend: "google-oauth2", token: "t" }), 400, "unsupported_grant_type");
    }
  });

  test("a missing field, an unknown backend or a malformed value → 400 invalid_request", async () => {
    const complete = { grant_type: "convert_token", ...credentials, backend: "google-oauth2", token: "t" };
    for (const field of Object.keys(complete)) {
      const { [field]: _dropped, ...rest } = complete as Record<string, string>;
      assertOAuthError(await postJson(baseUrl, "/auth/convert-token/", rest), 400, "invalid_request");
      assertOAuthError(await request(baseUrl, "POST", "/auth/convert-token/", form({ ...rest, [field]: "" })), 400, "invalid_request");
    }
    for (const backend of ["facebook", "google", "GOOGLE-OAUTH2"])
      assertOAuthError(await convert({ backend, token: "t" }), 400, "invalid_request");
    for (const token of [42, null, ["t"], "has space", "nul\u0000byte", "x".repeat(5000), "ключ"]) {
      assertOAuthError(await convert({ backend: "google-oauth2", token }), 400, "invalid_request");
    }
    assertOAuthError(await convert({ backend: "google-oauth2", token: "t", client_id: 7 }), 400, "invalid_request");
  });

  test("malformed bodies and wrong methods get the conventions' 4xx, never a 500", async () => {
    const bad = await request(baseUrl, "POST", "/auth/convert-token/", { body: "{nope", headers: { "content-type": "application/json" } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /^JSON parse error - /);
    assert.equal(
      (await request(baseUrl, "POST", "/auth/convert-token/", { body: "x", headers: { "content-type": "text/plain" } })).status,
      415,
    );
    const wrongMethod = await get(baseUrl, "/auth/convert-token/");
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get("allow"), "POST, OPTIONS");
  });

  test("wrong client secrets count as failed credential checks: past 100 from one IP, even the right secret gets 429", async () => {
    const ip = { "x-forwarded-for": `10.77.${randomBytes(1)[0]}.${randomBytes(1)[0]}` };
    const wrong = form(
      { grant_type: "convert_token", client_id: client.clientId, client_secret: "wrong-secret", backend: "google-oauth2", token: "t" },
      ip,
    );
    for (let attempt = 0; attempt < 100; attempt++) {
      assert.equal((await request(baseUrl, "POST", "/auth/convert-token/", wrong)).status, 401);
    }
    const token = providerToken();
    fake.accept("google", token, { sub: "3" });
    const right = await request(
      baseUrl,
      "POST",
      "/auth/convert-token/",
      form({ grant_type: "convert_token", ...credentials, backend: "google-oauth2", token }, ip),
    );
    assert.equal(right.status, 429, right.text);
    assert.match(right.headers.get("retry-after") ?? "", /^\d+$/);
    // Another address is unaffected.
    assertTokenBody(await convert({ backend: "google-oauth2", token }));
  });
});

describe("log out everywhere with a converted token", () => {
  test("POST /auth/revoke with the OAuth access token kills that pair", async () => {
    const token = providerToken();
    fake.accept("vk", token, { id: Date.now(), first_name: "Вы", last_name: "Ход" });
    const tokens = assertTokenBody(await convert({ backend: "vk-oauth2", token }));
    assert.equal((await postJson(baseUrl, "/auth/revoke", {}, bearer(tokens.access))).status, 200);
    assert.equal((await get(baseUrl, "/auth/me", bearer(tokens.access))).status, 401);
    const refreshed = await postJson(baseUrl, "/auth/token/", {
      grant_type: "refresh_token",
      ...credentials,
      refresh_token: tokens.refresh,
    });
    assertOAuthError(refreshed, 400, "invalid_grant");
  });
});
