// Browser sign-in with Yandex and VK through next-auth, against fake provider endpoints: the whole
// authorization-code round trip, the account it creates or links, and VK's email never used to link.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import { get, request, signUp, type ParsedCookie } from "./support/requests";

// In sequence: the fakes' URLs and the client ids must be in the environment before the app's modules read it.
const { startFakeProvidersForFile } = await import("./support/fake-oauth-providers");
const fake = await startFakeProvidersForFile();
after(() => fake.close());
Object.assign(process.env, {
  AUTH_YANDEX_ID: "yandex-client",
  AUTH_YANDEX_SECRET: "yandex-secret",
  AUTH_VK_ID: "vk-client",
  AUTH_VK_SECRET: "vk-secret",
});
const { startApp } = await import("./support/app");
const { baseUrl } = await startApp();

/** A browser's Cookie header for cookies set in order: a later cookie of the same name replaces the earlier. */
function cookieHeader(cookies: ParsedCookie[]): string {
  const jar = new Map(cookies.map((cookie) => [cookie.name, cookie.value]));
  return [...jar]
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

/** Starts the sign-in as the login page's button does, then comes back from the provider with `code`. */
async function signInWith(provider: "yandex" | "vk", code: string): Promise<{ session: string | null; location: string }> {
  const csrf = await get(baseUrl, "/api/next-auth/csrf");
  const jar = [...csrf.cookies];
  const start = await request(baseUrl, "POST", `/api/next-auth/signin/${provider}`, {
    body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, callbackUrl: "http://localhost:3000/matches" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    expectJson: false,
  });
  assert.equal(start.status, 302, start.text);
  const authorize = new URL(start.headers.get("location")!);
  assert.equal(authorize.searchParams.get("client_id"), `${provider}-client`);
  assert.equal(authorize.searchParams.get("redirect_uri"), `http://localhost:3000/api/next-auth/callback/${provider}`);
  jar.push(...start.cookies);

  const back = new URLSearchParams({ code });
  const state = authorize.searchParams.get("state");
  if (state) back.set("state", state);
  const callback = await request(baseUrl, "GET", `/api/next-auth/callback/${provider}?${back}`, {
    headers: { cookie: cookieHeader(jar) },
    expectJson: false,
  });
  const session = callback.cookies.find((cookie) => cookie.name === "authjs.session-token" && cookie.value !== "");
  return { session: session ? `authjs.session-token=${session.value}` : null, location: callback.headers.get("location") ?? "" };
}

const me = (cookie: string) => get(baseUrl, "/api/auth/users/me/", { headers: { cookie } });

describe("OAuth sign-in on the pages", () => {
  test("the login page offers exactly the configured providers", async () => {
    const page = await get(baseUrl, "/login", { expectJson: false });
    assert.equal(page.status, 200);
    assert.match(page.text, /Войти через (<!-- -->)?Яндекс ID/);
    assert.match(page.text, /Войти через (<!-- -->)?VK ID/);
    assert.doesNotMatch(page.text, /Войти через Google/);
  });

  test("Yandex: a new account with the email Yandex vouches for; the second sign-in finds it", async () => {
    const code = `ya-${randomBytes(6).toString("hex")}`;
    const email = `yandex-${randomBytes(4).toString("hex")}@example.test`;
    fake.accept("yandex", code, {
      id: `77${randomBytes(3).readUIntBE(0, 3)}`,
      default_email: email,
      first_name: "Яна",
      last_name: "Орлова",
    });
    const first = await signInWith("yandex", code);
    assert.ok(first.session, `no session; redirected to ${first.location}`);
    assert.match(first.location, /\/matches$/);
    const profile = await me(first.session);
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.email, email);
    assert.equal(profile.body.first_name, "Яна");

    const again = await signInWith("yandex", code);
    assert.equal((await me(again.session!)).body.id, profile.body.id);
  });

  test("Yandex links to an existing account with the same email", async () => {
    const existing = await signUp(baseUrl);
    const code = `ya-${randomBytes(6).toString("hex")}`;
    fake.accept("yandex", code, {
      id: `88${randomBytes(3).readUIntBE(0, 3)}`,
      default_email: existing.email,
      first_name: "X",
      last_name: "Y",
    });
    const { session } = await signInWith("yandex", code);
    assert.equal((await me(session!)).body.id, existing.id);
  });

  test("VK never links by email, even when its token answer names an existing account's email", async () => {
    const existing = await signUp(baseUrl);
    fake.vkTokenEmail(existing.email);
    const code = `vk-${randomBytes(6).toString("hex")}`;
    fake.accept("vk", code, { id: randomBytes(3).readUIntBE(0, 3), first_name: "Вика", last_name: "Кравец" });
    const { session, location } = await signInWith("vk", code);
    assert.ok(session, `no session; redirected to ${location}`);
    assert.match(location, /\/matches$/);
    const profile = await me(session);
    assert.notEqual(profile.body.id, existing.id);
    assert.equal(profile.body.email, null);
    assert.equal(profile.body.first_name, "Вика");
    fake.vkTokenEmail(undefined);
  });

  test("a code the provider refuses signs nobody in and returns to the login page", async () => {
    const { session, location } = await signInWith("yandex", "unknown-code");
    assert.equal(session, null);
    assert.match(location, /\/login\?error=/);
  });
});
