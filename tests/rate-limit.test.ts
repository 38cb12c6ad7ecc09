import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { SPA_ORIGIN } from "./support/env";
import { postJson, request, signUp, uniqueEmail, type Reply } from "./support/requests";
import { assert401, WRONG_CREDENTIALS_BODY } from "./support/tokens";

// Per-account limit: 10 failed logins per 15 minutes. Every test here uses its own accounts; the
// failures of this whole file (well under 100) stay below the per-IP limit, tested in rate-limit-ip.
const { baseUrl } = await startApp();

const WINDOW_SECONDS = 15 * 60;
const login = (email: string, password: string, headers?: Record<string, string>) =>
  postJson(baseUrl, "/api/token/", { email, password }, { headers });

async function fail(email: string, times: number): Promise<void> {
  for (let attempt = 1; attempt <= times; attempt += 1) {
    const response = await login(email, `Wrong-password-${attempt}`);
    assert401(response, WRONG_CREDENTIALS_BODY);
  }
}

/** The contract's 429: exact body shape, N the same in detail, error and Retry-After, within the window. */
function assertThrottled(response: Reply): number {
  assert.equal(response.status, 429, `expected 429, got ${response.status}: ${JSON.stringify(response.body)}`);
  const retryAfter = response.headers.get("retry-after");
  assert.match(retryAfter ?? "", /^\d+$/);
  const seconds = Number(retryAfter);
  assert.ok(seconds >= 1 && seconds <= WINDOW_SECONDS, `Retry-After ${seconds} is within the 15-minute window`);
  assert.deepEqual(response.body, {
    detail: `Request was throttled. Expected available in ${seconds} seconds.`,
    error: `Слишком много попыток, повторите через ${seconds} с`,
  });
  assert.equal(response.cookies.length, 0);
  return seconds;
}

describe("per-account login limit", () => {
  test("after 10 failures the 11th attempt is 429, even with the right password", async () => {
    const user = await signUp(baseUrl);
    await fail(user.email, 10);
    const seconds = assertThrottled(await login(user.email, user.password));
    assert.ok(seconds > WINDOW_SECONDS - 120, `the window started with the first failure (${seconds} s left)`);
    assertThrottled(await login(user.email, "Wrong-password-11"));
    assertThrottled(await postJson(baseUrl, "/api/token", { email: user.email, password: user.password }));
  });

  test("the limit is per account: another account from the same client still logs in", async () => {
    const throttled = await signUp(baseUrl);
    const other = await signUp(baseUrl);
    await fail(throttled.email, 10);
    assertThrottled(await login(throttled.email, throttled.password));
    assert.equal((await login(other.email, other.password)).status, 200);
  });

  test("the account is the email case-insensitively", async () => {
    const user = await signUp(baseUrl);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const email = attempt % 2 === 0 ? user.email.toUpperCase() : user.email;
      assert401(await login(email, "Wrong-password-x"), WRONG_CREDENTIALS_BODY);
    }
    assertThrottled(await login(user.email, user.password));
    assertThrottled(await login(user.email.toUpperCase(), user.password));
  });

  test("unknown accounts are throttled too", async () => {
    const email = uniqueEmail("ghost");
    await fail(email, 10);
    assertThrottled(await login(email, "Any-password-1"));
  });

  test("a successful login before the limit clears the account's count", async () => {
    const user = await signUp(baseUrl);
    await fail(user.email, 9);
    assert.equal((await login(user.email, user.password)).status, 200);
    await fail(user.email, 10);
    assertThrottled(await login(user.email, user.password));
  });

  test("malformed requests do not count", async () => {
    const user = await signUp(baseUrl);
    await fail(user.email, 9);
    const malformed: unknown[] = [
      { email: user.email },
      { email: user.email, password: "" },
      { email: user.email, password: 12345678 },
      { email: user.email, password: null },
      { email: user.email, password: "x".repeat(300) },
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const body of malformed) assert.equal((await postJson(baseUrl, "/api/token/", body)).status, 400, JSON.stringify(body));
      assert.equal(
        (await request(baseUrl, "POST", "/api/token/", { body: "{broken", headers: { "content-type": "application/json" } })).status,
        400,
      );
    }
    assert.equal((await login(user.email, user.password)).status, 200, "only the 9 real failures counted");
  });

  test("when the 15-minute window has passed, the account may try again", async () => {
    const user = await signUp(baseUrl);
    await fail(user.email, 10);
    assertThrottled(await login(user.email, user.password));
    // Simulate the window ending (the counters live in the database, shared by every instance).
    const moved = await db
      .update(rateLimits)
      .set({ resetAt: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, `account:${user.email.toLowerCase()}`))
      .returning({ key: rateLimits.key });
    assert.equal(moved.length, 1);
    assert401(await login(user.email, "Wrong-password-again"), WRONG_CREDENTIALS_BODY);
    assert.equal((await login(user.email, user.password)).status, 200);
  });

  test("parallel attempts cannot get more than 10 password checks through", async () => {
    const user = await signUp(baseUrl);
    const answers = await Promise.all(Array.from({ length: 25 }, (_, index) => login(user.email, `Parallel-guess-${index}`)));
    const statuses = answers.map((response) => response.status);
    assert.ok(
      statuses.every((status) => status === 401 || status === 429),
      statuses.join(","),
    );
    assert.ok(statuses.filter((status) => status === 401).length <= 10, `401 answers (password checks): ${statuses.join(",")}`);
    for (const response of answers) if (response.status === 429) assertThrottled(response);
    assertThrottled(await login(user.email, user.password));
  });

  test("a throttled answer carries the CORS headers for the SPA", async () => {
    const user = await signUp(baseUrl);
    await fail(user.email, 10);
    const response = await login(user.email, user.password, { origin: SPA_ORIGIN });
    assertThrottled(response);
    assert.equal(response.headers.get("access-control-allow-origin"), SPA_ORIGIN);
    assert.equal(response.headers.get("access-control-allow-credentials"), "true");
  });
});
