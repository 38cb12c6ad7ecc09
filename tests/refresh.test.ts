import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { refreshTokens, users } from "@/db/schema";
import { decodeJwt, get, postJson, request, signUp, type Reply, type SignedUp } from "./support/requests";
import { assert401, forgeJwt, NOT_AUTHENTICATED_RU, refreshRejectedBody } from "./support/tokens";

const { baseUrl } = await startApp();
let user: SignedUp;

before(async () => {
  user = await signUp(baseUrl);
});

const BLACKLISTED = refreshRejectedBody("Token is blacklisted");
const INVALID = refreshRejectedBody("Token is invalid or expired");

async function login(): Promise<{ access: string; refresh: string }> {
  const response = await postJson(baseUrl, "/api/token/", { email: user.email, password: user.password });
  assert.equal(response.status, 200);
  return response.body;
}

const refresh = (token: string) => postJson(baseUrl, "/api/token/refresh/", { refresh: token });

/** A 200 refresh answer: exactly {access, refresh}, the new refresh token also set as the cookie. */
function assertRefreshed(response: Reply): { access: string; refresh: string } {
  assert.equal(response.status, 200, `refresh answered ${response.status}: ${JSON.stringify(response.body)}`);
  assert.deepEqual(Object.keys(response.body).sort(), ["access", "refresh"]);
  const cookie = response.cookies.find((entry) => entry.name === "refresh_token");
  assert.equal(cookie?.value, response.body.refresh);
  assert.equal(cookie?.attributes["max-age"], "604800");
  assert.equal(cookie?.attributes.httponly, true);
  assert.equal(decodeJwt(response.body.access).payload.token_type, "access");
  assert.equal(decodeJwt(response.body.refresh).payload.token_type, "refresh");
  return response.body;
}

const jtiOf = (token: string) => String(decodeJwt(token).payload.jti);

async function familyOf(token: string): Promise<string> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.jti, jtiOf(token)));
  assert.ok(row, "every refresh token is recorded server-side");
  return row.familyId;
}

/** Simulates the grace window having passed since this token was rotated. */
async function endGrace(token: string): Promise<void> {
  const updated = await db
    .update(refreshTokens)
    .set({ rotatedAt: new Date(Date.now() - 120_000) })
    .where(eq(refreshTokens.jti, jtiOf(token)))
    .returning({ jti: refreshTokens.jti });
  assert.equal(updated.length, 1);
}

describe("POST /api/token/refresh/", () => {
  test("rotates a body token: a new refresh in the same family and a working access token", async () => {
    const first = await login();
    const next = assertRefreshed(await refresh(first.refresh));
    assert.notEqual(next.refresh, first.refresh);
    assert.notEqual(jtiOf(next.refresh), jtiOf(first.refresh));
    assert.equal(decodeJwt(next.access).payload.user_id, user.id);
    assert.equal(await familyOf(next.refresh), await familyOf(first.refresh));
    const me = await get(baseUrl, "/auth/users/me/", { headers: { authorization: `Bearer ${next.access}` } });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, user.id);
  });

  test("reads the refresh cookie when the body has none (with or without the trailing slash)", async () => {
    const first = await login();
    const cookies = { refresh_token: first.refresh };
    const second = assertRefreshed(await request(baseUrl, "POST", "/api/token/refresh", { cookies }));
    const third = assertRefreshed(await postJson(baseUrl, "/api/token/refresh/", {}, { cookies: { refresh_token: second.refresh } }));
    assert.equal(await familyOf(third.refresh), await familyOf(first.refresh));
  });

  test("no token at all is 401", async () => {
    for (const body of [undefined, {}]) {
      const response = await postJson(baseUrl, "/api/token/refresh/", body);
      assert401(response);
      assert.equal(response.body.error, NOT_AUTHENTICATED_RU);
    }
  });

  test("garbage, an access token, an expired or foreign-signed token is 401 token_not_valid", async () => {
    const tokens = await login();
    const candidates = [
      "garbage",
      "aaa.bbb.ccc",
      tokens.access,
      await forgeJwt({ tokenType: "refresh", userId: user.id, expiresIn: -60 }),
      await forgeJwt({ tokenType: "refresh", userId: user.id, alg: "HS512" }),
      await forgeJwt({ tokenType: "refresh", userId: user.id, secret: "another-secret-another-secret-00" }),
    ];
    for (const token of candidates) assert401(await refresh(token), INVALID);
    // None of these touched the real session.
    assertRefreshed(await refresh(tokens.refresh));
  });

  test("the old token is refused after the grace window, and that reuse revokes the whole family", async () => {
    const first = await login();
    const second = assertRefreshed(await refresh(first.refresh));
    await endGrace(first.refresh);
    assert401(await refresh(first.refresh), BLACKLISTED);
    assert401(await refresh(second.refresh), BLACKLISTED);
    assert401(await postJson(baseUrl, "/api/token/verify/", { token: second.refresh }), BLACKLISTED);
    // Another login of the same user is a different family and still works.
    assertRefreshed(await refresh((await login()).refresh));
  });

  test("within the grace window the just-rotated token gets a full answer from the same family", async () => {
    const first = await login();
    const second = assertRefreshed(await refresh(first.refresh));
    const again = assertRefreshed(await refresh(first.refresh));
    assert.equal(await familyOf(again.refresh), await familyOf(first.refresh));
    assert.equal(decodeJwt(again.access).payload.user_id, user.id);
    // Both answers keep working: the family was not revoked.
    assertRefreshed(await refresh(again.refresh));
    assert.equal(await familyOf(second.refresh), await familyOf(first.refresh));
  });

  test("parallel refreshes with the same token all succeed", async () => {
    const first = await login();
    const answers = await Promise.all(Array.from({ length: 4 }, () => refresh(first.refresh)));
    const rotated = answers.map(assertRefreshed);
    const family = await familyOf(first.refresh);
    for (const tokens of rotated) assert.equal(await familyOf(tokens.refresh), family);
    // The session lives on: the tab that got any of the answers can refresh again.
    const next = assertRefreshed(await refresh(rotated[0]!.refresh));
    assert.equal(await familyOf(next.refresh), family);
  });

  test("parallel refreshes through the cookie all succeed", async () => {
    const first = await login();
    const cookies = { refresh_token: first.refresh };
    const answers = await Promise.all([1, 2, 3].map(() => request(baseUrl, "POST", "/api/token/refresh/", { cookies })));
    answers.forEach(assertRefreshed);
  });

  test("an older token (not the one rotated last) is always reuse, even within the grace window", async () => {
    const first = await login();
    const second = assertRefreshed(await refresh(first.refresh));
    const third = assertRefreshed(await refresh(second.refresh));
    assert401(await refresh(first.refresh), BLACKLISTED);
    assert401(await refresh(third.refresh), BLACKLISTED);
    assert401(await refresh(second.refresh), BLACKLISTED);
  });

  test("a token revoked by logout gets no grace", async () => {
    const first = await login();
    const second = assertRefreshed(await refresh(first.refresh));
    const logout = await postJson(baseUrl, "/api/token/blacklist/", { refresh: second.refresh });
    assert.equal(logout.status, 200);
    assert401(await refresh(first.refresh), BLACKLISTED);
    assert401(await refresh(second.refresh), BLACKLISTED);

    const other = await login();
    assert.equal((await postJson(baseUrl, "/api/token/blacklist/", { refresh: other.refresh })).status, 200);
    assert401(await refresh(other.refresh), BLACKLISTED);
  });

  test("a refresh token of a deactivated account is refused", async () => {
    const inactive = await signUp(baseUrl);
    await db.update(users).set({ isActive: false }).where(eq(users.id, inactive.id));
    const response = await refresh(inactive.refresh);
    assert401(response);
    assert.equal(response.body.error, NOT_AUTHENTICATED_RU);
  });

  test("the register response's refresh token rotates like a login's", async () => {
    const fresh = await signUp(baseUrl);
    const cookie = { refresh_token: fresh.refresh };
    const rotated = assertRefreshed(await request(baseUrl, "POST", "/api/token/refresh/", { cookies: cookie }));
    assert.equal(decodeJwt(rotated.access).payload.user_id, fresh.id);
  });
});
