// The web pages' session (next-auth) on the API's accounts: signing in through its credentials
// endpoint uses the API's password check and limits; the JSON API accepts the session cookie for
// same-origin requests (API.md §0); sign-out and "log out everywhere" make a copied cookie worthless.
import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { get, request, signUp, type Reply } from "./support/requests";

const { baseUrl } = await startApp();
const APP_ORIGIN = "http://localhost:3000";
const SESSION = "authjs.session-token";

/** next-auth's CSRF token and the cookie that goes with it (its double-submit check). */
async function csrf(): Promise<{ token: string; cookie: string }> {
  const reply = await get(baseUrl, "/api/next-auth/csrf");
  assert.equal(reply.status, 200, reply.text);
  const cookie = reply.cookies.find((candidate) => candidate.name.endsWith("authjs.csrf-token"));
  assert.ok(cookie, "a CSRF cookie");
  return { token: reply.body.csrfToken, cookie: `${cookie.name}=${cookie.value}` };
}

/** Signs in as the login page does (next-auth's credentials callback); the session cookie, or null. */
async function browserSignIn(email: string, password: string): Promise<{ cookie: string | null; reply: Reply }> {
  const { token, cookie } = await csrf();
  const reply = await request(baseUrl, "POST", "/api/next-auth/callback/credentials", {
    body: new URLSearchParams({ email, password, csrfToken: token, callbackUrl: `${APP_ORIGIN}/matches` }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    expectJson: false,
  });
  const session = reply.cookies.find((candidate) => candidate.name === SESSION && candidate.value !== "");
  return { cookie: session ? `${SESSION}=${session.value}` : null, reply };
}

const me = (cookie: string, headers: Record<string, string> = {}) =>
  get(baseUrl, "/api/auth/users/me/", { headers: { cookie, ...headers } });

describe("the pages' session", () => {
  test("signs in with the API's password and authenticates same-origin API calls", async () => {
    const user = await signUp(baseUrl);
    const { cookie, reply } = await browserSignIn(user.email, user.password);
    assert.equal(reply.status, 302);
    assert.match(reply.headers.get("location") ?? "", /\/matches$/);
    assert.ok(cookie);
    const profile = await me(cookie);
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.email, user.email);
  });

  test("a wrong password sets no session and says why on the login page", async () => {
    const user = await signUp(baseUrl);
    const { cookie, reply } = await browserSignIn(user.email, "not-the-password-1");
    assert.equal(cookie, null);
    assert.match(reply.headers.get("location") ?? "", /\/login\?error=CredentialsSignin&code=credentials/);
  });

  test("past the account's limit of failed attempts the sign-in is refused as throttled, before any password check", async () => {
    const user = await signUp(baseUrl);
    for (let attempt = 0; attempt < 10; attempt++) {
      const { reply } = await browserSignIn(user.email, `wrong-password-${attempt}`);
      assert.match(reply.headers.get("location") ?? "", /code=credentials/);
    }
    const { cookie, reply } = await browserSignIn(user.email, user.password);
    assert.equal(cookie, null);
    assert.match(reply.headers.get("location") ?? "", /code=throttled/);
  });

  test("a state-changing call with the session cookie from a foreign origin is refused", async () => {
    const user = await signUp(baseUrl);
    const { cookie } = await browserSignIn(user.email, user.password);
    const patch = (origin: string) =>
      request(baseUrl, "PATCH", "/api/update/user/", { json: { first_name: "Зоя" }, headers: { cookie: cookie!, origin } });
    assert.equal((await patch("http://evil.example")).status, 403);
    const allowed = await patch(APP_ORIGIN);
    assert.equal(allowed.status, 200, allowed.text);
    assert.equal(allowed.body.first_name, "Зоя");
  });

  test("after sign-out a copy of the cookie signs nobody in", async () => {
    const user = await signUp(baseUrl);
    const { cookie } = await browserSignIn(user.email, user.password);
    const { token, cookie: csrfCookie } = await csrf();
    const signOut = await request(baseUrl, "POST", "/api/next-auth/signout", {
      body: new URLSearchParams({ csrfToken: token, callbackUrl: APP_ORIGIN }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}` },
      expectJson: false,
    });
    assert.equal(signOut.status, 302, signOut.text);
    assert.equal((await me(cookie!)).status, 401);
  });

  test("'log out everywhere' through the API ends the browser sessions too", async () => {
    const user = await signUp(baseUrl);
    const first = await browserSignIn(user.email, user.password);
    const second = await browserSignIn(user.email, user.password);
    assert.equal((await me(first.cookie!)).status, 200);
    const revoke = await request(baseUrl, "POST", "/auth/revoke", { json: {}, access: user.access });
    assert.equal(revoke.status, 200, revoke.text);
    for (const cookie of [first.cookie!, second.cookie!]) assert.equal((await me(cookie)).status, 401);
  });

  test("a forged or garbled session cookie counts as no credentials", async () => {
    for (const value of ["garbage", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z"]) {
      const reply = await me(`${SESSION}=${value}`);
      assert.equal(reply.status, 401);
      assert.equal(reply.body.detail, "Authentication credentials were not provided.");
    }
  });

  test("unknown paths under /api/next-auth are the contract's JSON 404", async () => {
    const reply = await get(baseUrl, "/api/next-auth/no-such-action");
    assert.equal(reply.status, 404);
    assert.equal(typeof reply.body.error, "string");
  });
});
