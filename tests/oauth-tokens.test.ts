// OAuth clients, the refresh/password grants of /auth/token/, /auth/revoke-token/ and opaque Bearer tokens (API.md §6).
import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthApplications, oauthTokens } from "@/db/schema";
import { createOAuthClient } from "@/lib/auth/oauth/clients";
import { get, postJson, request, signUp, type Reply } from "./support/requests";

const { baseUrl } = await startApp();

const client = await createOAuthClient({ name: "tokens-test" });
const otherClient = await createOAuthClient({ name: "other-app" });
const credentials = { client_id: client.clientId, client_secret: client.clientSecret };
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const TOKEN_NOT_VALID = {
  detail: "Given token not valid for any token type",
  code: "token_not_valid",
  messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
  error: "Необходимо пройти авторизацию",
};

function assertTokenBody(reply: Reply): { access: string; refresh: string } {
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(reply.body, {
    access_token: reply.body.access_token,
    expires_in: 36000,
    token_type: "Bearer",
    scope: "read write",
    refresh_token: reply.body.refresh_token,
  });
  assert.match(reply.body.access_token, /^[A-Za-z0-9]{30}$/);
  assert.match(reply.body.refresh_token, /^[A-Za-z0-9]{30}$/);
  return { access: reply.body.access_token, refresh: reply.body.refresh_token };
}

function assertOAuthError(reply: Reply, status: number, code: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.deepEqual(Object.keys(reply.body).sort(), ["error", "error_description"]);
  assert.equal(reply.body.error, code);
  assert.match(reply.body.error_description, /[А-Яа-яЁё]/);
}

async function passwordGrant(user: { email: string; password: string }, app = credentials): Promise<{ access: string; refresh: string }> {
  return assertTokenBody(
    await postJson(baseUrl, "/auth/token/", { grant_type: "password", ...app, username: user.email, password: user.password }),
  );
}

describe("OAuth clients", () => {
  test("the secret is kept only as its SHA-256; ids and secrets are random", async () => {
    const [row] = await db.select().from(oauthApplications).where(eq(oauthApplications.clientId, client.clientId));
    assert.equal(row!.name, "tokens-test");
    assert.equal(row!.clientSecretHash, sha256(client.clientSecret));
    assert.match(client.clientId, /^[A-Za-z0-9]{40}$/);
    assert.match(client.clientSecret, /^[A-Za-z0-9]{64}$/);
    assert.notEqual(client.clientId, otherClient.clientId);
    assert.notEqual(client.clientSecret, otherClient.clientSecret);
  });
});

describe("POST /auth/token/ grant_type=password", () => {
  test("JSON or form, both slash forms → the token pair, stored only as hashes; the access token authenticates", async () => {
    const user = await signUp(baseUrl);
    const byJson = await passwordGrant(user);
    const byForm = assertTokenBody(
      await request(
        baseUrl,
        "POST",
        "/auth/token",
        form({ grant_type: "password", ...credentials, username: user.email, password: user.password }),
      ),
    );
    for (const tokens of [byJson, byForm]) {
      const me = await get(baseUrl, "/auth/me", bearer(tokens.access));
      assert.equal(me.status, 200);
      assert.equal(me.body.id, user.user.id);
      const [row] = await db
        .select()
        .from(oauthTokens)
        .where(eq(oauthTokens.accessHash, sha256(tokens.access)));
      assert.ok(row, "found by the access token's hash");
      assert.equal(row!.refreshHash, sha256(tokens.refresh));
    }
  });

  test("wrong password → 400 invalid_grant; wrong secret → 401 invalid_client; missing username → 400 invalid_request", async () => {
    const user = await signUp(baseUrl);
    assertOAuthError(
      await postJson(baseUrl, "/auth/token/", { grant_type: "password", ...credentials, username: user.email, password: "Wrong-pass-1" }),
      400,
      "invalid_grant",
    );
    assertOAuthError(
      await postJson(baseUrl, "/auth/token/", {
        grant_type: "password",
        ...credentials,
        client_secret: "nope",
        username: user.email,
        password: user.password,
      }),
      401,
      "invalid_client",
    );
    assertOAuthError(
      await postJson(baseUrl, "/auth/token/", { grant_type: "password", ...credentials, password: user.password }),
      400,
      "invalid_request",
    );
    assertOAuthError(
      await postJson(baseUrl, "/auth/token/", { ...credentials, username: user.email, password: user.password }),
      400,
      "invalid_request",
    );
    assertOAuthError(
      await postJson(baseUrl, "/auth/token/", { grant_type: "client_credentials", ...credentials }),
      400,
      "unsupported_grant_type",
    );
  });

  test("client credentials may come as HTTP Basic instead (RFC 6749 §2.3.1)", async () => {
    const user = await signUp(baseUrl);
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
    const fields = form({ grant_type: "password", username: user.email, password: user.password });
    const ok = await request(baseUrl, "POST", "/auth/token/", {
      ...fields,
      headers: { ...fields.headers, authorization: basic(client.clientId, client.clientSecret) },
    });
    const tokens = assertTokenBody(ok);
    const wrong = await request(baseUrl, "POST", "/auth/token/", {
      ...fields,
      headers: { ...fields.headers, authorization: basic(client.clientId, "wrong") },
    });
    assertOAuthError(wrong, 401, "invalid_client");
    const garbled = await request(baseUrl, "POST", "/auth/token/", {
      ...fields,
      headers: { ...fields.headers, authorization: "Basic %%%" },
    });
    assertOAuthError(garbled, 400, "invalid_request");
    const revoked = await request(baseUrl, "POST", "/auth/revoke-token/", {
      json: { token: tokens.access },
      headers: { authorization: basic(client.clientId, client.clientSecret) },
    });
    assert.equal(revoked.status, 204);
    assert.equal((await get(baseUrl, "/auth/me", bearer(tokens.access))).status, 401);
  });

  test("/auth/token/ is not the legacy /auth/token/login/: djoser's payload is an invalid_request there", async () => {
    const user = await signUp(baseUrl);
    assertOAuthError(await postJson(baseUrl, "/auth/token/", { email: user.email, password: user.password }), 400, "invalid_request");
    const legacy = await postJson(baseUrl, "/auth/token/login/", { email: user.email, password: user.password });
    assert.deepEqual(Object.keys(legacy.body).sort(), ["auth_token", "token"]);
  });
});

describe("POST /auth/token/ grant_type=refresh_token", () => {
  test("→ a new pair; the old pair (access and refresh) is revoked", async () => {
    const user = await signUp(baseUrl);
    const old = await passwordGrant(user);
    for (const path of ["/auth/token/", "/auth/token"]) {
      const current = path === "/auth/token/" ? old : await passwordGrant(user);
      const fresh = assertTokenBody(
        await postJson(baseUrl, path, { grant_type: "refresh_token", ...credentials, refresh_token: current.refresh }),
      );
      assert.notEqual(fresh.access, current.access);
      assert.notEqual(fresh.refresh, current.refresh);
      assert.equal((await get(baseUrl, "/auth/me", bearer(fresh.access))).status, 200);
      const oldAccess = await get(baseUrl, "/auth/me", bearer(current.access));
      assert.equal(oldAccess.status, 401);
      assert.deepEqual(oldAccess.body, TOKEN_NOT_VALID);
      assertOAuthError(
        await postJson(baseUrl, path, { grant_type: "refresh_token", ...credentials, refresh_token: current.refresh }),
        400,
        "invalid_grant",
      );
    }
  });

  test("a refresh token of another client, an access token or garbage → 400 invalid_grant", async () => {
    const user = await signUp(baseUrl);
    const tokens = await passwordGrant(user);
    const other = { client_id: otherClient.clientId, client_secret: otherClient.clientSecret };
    for (const [app, refreshToken] of [
      [other, tokens.refresh],
      [credentials, tokens.access],
      [credentials, "x".repeat(30)],
    ] as const) {
      const reply = await request(
        baseUrl,
        "POST",
        "/auth/token/",
        form({ grant_type: "refresh_token", ...app, refresh_token: refreshToken }),
      );
      assertOAuthError(reply, 400, "invalid_grant");
    }
    // The refused attempts did not revoke the pair.
    assert.equal((await get(baseUrl, "/auth/me", bearer(tokens.access))).status, 200);
    assertOAuthError(await postJson(baseUrl, "/auth/token/", { grant_type: "refresh_token", ...credentials }), 400, "invalid_request");
  });

  test("parallel refreshes with one token: exactly one gets a pair", async () => {
    const user = await signUp(baseUrl);
    const tokens = await passwordGrant(user);
    const replies = await Promise.all(
      Array.from({ length: 4 }, () =>
        postJson(baseUrl, "/auth/token/", { grant_type: "refresh_token", ...credentials, refresh_token: tokens.refresh }),
      ),
    );
    assert.deepEqual(replies.map((reply) => reply.status).sort(), [200, 400, 400, 400]);
  });
});

describe("POST /auth/revoke-token/", () => {
  test("revoking the access or the refresh token → 204 and the whole pair is dead", async () => {
    const user = await signUp(baseUrl);
    for (const which of ["access", "refresh"] as const) {
      const tokens = await passwordGrant(user);
      const reply = await postJson(baseUrl, which === "access" ? "/auth/revoke-token/" : "/auth/revoke-token", {
        ...credentials,
        token: tokens[which],
      });
      assert.equal(reply.status, 204, reply.text);
      assert.equal(reply.text, "");
      assert.deepEqual((await get(baseUrl, "/auth/me", bearer(tokens.access))).body, TOKEN_NOT_VALID);
      assertOAuthError(
        await postJson(baseUrl, "/auth/token/", { grant_type: "refresh_token", ...credentials, refresh_token: tokens.refresh }),
        400,
        "invalid_grant",
      );
    }
  });

  test("form bodies work; unknown tokens and other clients' tokens → 204 without revoking anything", async () => {
    const user = await signUp(baseUrl);
    const tokens = await passwordGrant(user);
    assert.equal((await request(baseUrl, "POST", "/auth/revoke-token/", form({ ...credentials, token: "y".repeat(30) }))).status, 204);
    const foreign = await postJson(baseUrl, "/auth/revoke-token/", {
      client_id: otherClient.clientId,
      client_secret: otherClient.clientSecret,
      token: tokens.access,
    });
    assert.equal(foreign.status, 204);
    assert.equal((await get(baseUrl, "/auth/me", bearer(tokens.access))).status, 200);
  });

  test("a wrong secret → 401 invalid_client; a missing token → 400 invalid_request", async () => {
    const user = await signUp(baseUrl);
    const tokens = await passwordGrant(user);
    assertOAuthError(
      await postJson(baseUrl, "/auth/revoke-token/", { ...credentials, client_secret: "bad", token: tokens.access }),
      401,
      "invalid_client",
    );
    assertOAuthError(await postJson(baseUrl, "/auth/revoke-token/", credentials), 400, "invalid_request");
    assert.equal((await get(baseUrl, "/auth/me", bearer(tokens.access))).status, 200);
  });
});

describe("opaque OAuth access tokens as Authorization: Bearer", () => {
  test("accepted on every authenticated endpoint generation", async () => {
    const user = await signUp(baseUrl);
    const { access } = await passwordGrant(user);
    for (const path of [
      "/auth/users/me/",
      "/api/auth/users/me",
      "/users/api/pairs/",
      "/api/hobby/",
      "/users/api/hobby/total",
      "/auth/me",
    ]) {
      const reply = await get(baseUrl, path, bearer(access));
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    }
    const patched = await request(baseUrl, "PATCH", "/users/api/update/user/", { json: { first_name: "Через OAuth" }, ...bearer(access) });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.first_name, "Через OAuth");
  });

  test("unknown, expired or malformed opaque tokens → 401 token_not_valid", async () => {
    const user = await signUp(baseUrl);
    const { access } = await passwordGrant(user);
    await db
      .update(oauthTokens)
      .set({ accessExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthTokens.accessHash, sha256(access)));
    for (const token of [access, "A".repeat(30), "x", 'a\\b"c', "%00", "y".repeat(300)]) {
      const reply = await get(baseUrl, "/auth/me", bearer(token));
      assert.equal(reply.status, 401, token);
      assert.deepEqual(reply.body, TOKEN_NOT_VALID);
      assert.equal(reply.headers.get("www-authenticate"), 'Bearer realm="api"');
    }
  });
});
