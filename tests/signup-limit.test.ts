// Sign-ups per client IP per hour (SIGNUP_LIMIT_PER_IP), shared by every sign-up path: past the
// limit a JSON 429 with Retry-After, before anything is written or mailed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { postJson, STRONG_PASSWORD, uniqueEmail } from "./support/requests";

// In sequence: the limit must be in the environment before the app's modules read it.
process.env.SIGNUP_LIMIT_PER_IP = "3";
const { startApp } = await import("./support/app");
const { baseUrl } = await startApp();
const { eq } = await import("drizzle-orm");
const { db } = await import("@/db/client");
const { users } = await import("@/db/schema");

const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

describe("the sign-up limit per IP", () => {
  test("the fourth sign-up from one address within the hour is a 429, on any sign-up path; another address may go on", async () => {
    const ip = "203.0.113.7";
    assert.equal((await postJson(baseUrl, "/api/register/", { email: uniqueEmail(), password: STRONG_PASSWORD }, from(ip))).status, 201);
    assert.equal(
      (await postJson(baseUrl, "/users/api/register/", { email: uniqueEmail(), password: STRONG_PASSWORD }, from(ip))).status,
      201,
    );
    const djoser = await postJson(
      baseUrl,
      "/auth/users/",
      { email: uniqueEmail(), password: STRONG_PASSWORD, re_password: STRONG_PASSWORD },
      from(ip),
    );
    assert.equal(djoser.status, 201, djoser.text);

    const refusedEmail = uniqueEmail();
    for (const [path, body] of [
      ["/api/register/", { email: refusedEmail, password: STRONG_PASSWORD }],
      ["/auth/users/", { email: refusedEmail, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }],
      ["/auth/register", { email: refusedEmail, password: STRONG_PASSWORD }],
    ] as const) {
      const refused = await postJson(baseUrl, path, body, from(ip));
      assert.equal(refused.status, 429, `${path}: ${refused.text}`);
      assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
      assert.match(refused.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
      assert.equal(typeof refused.body.error, "string");
    }
    assert.equal((await db.select().from(users).where(eq(users.email, refusedEmail))).length, 0);

    assert.equal(
      (await postJson(baseUrl, "/api/register/", { email: uniqueEmail(), password: STRONG_PASSWORD }, from("198.51.100.9"))).status,
      201,
    );
  });
});
