import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { test } from "node:test";
import { postJson, signUp, uniqueEmail } from "./support/requests";
import { assert401, WRONG_CREDENTIALS_BODY } from "./support/tokens";

// Per-IP limit: 100 failed credential checks per 15 minutes. This poisons the test client's
// address for the rest of the file, so it lives alone (each file has its own database).
const { baseUrl } = await startApp();

test("after 100 failures from one client, every login from it is 429, even a right one for a fresh account", async () => {
  const victim = await signUp(baseUrl);
  const spray = async (attempt: number) =>
    assert401(
      await postJson(baseUrl, "/api/token/", { email: uniqueEmail("spray"), password: `Spray-password-${attempt}` }),
      WRONG_CREDENTIALS_BODY,
    );
  // Distinct unknown accounts, so no single account reaches its own limit of 10.
  for (let attempt = 1; attempt <= 99; attempt += 1) await spray(attempt);
  // Successful logins are not failed credential checks: they do not use up the client's budget.
  for (let login = 0; login < 3; login += 1) {
    assert.equal((await postJson(baseUrl, "/api/token/", { email: victim.email, password: victim.password })).status, 200);
  }
  await spray(100);
  const response = await postJson(baseUrl, "/api/token/", { email: victim.email, password: victim.password });
  assert.equal(response.status, 429);
  const seconds = Number(response.headers.get("retry-after"));
  assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= 900);
  assert.deepEqual(response.body, {
    detail: `Request was throttled. Expected available in ${seconds} seconds.`,
    error: `Слишком много попыток, повторите через ${seconds} с`,
  });

  // Requests that never reach a credential check are not throttled.
  const malformed = await postJson(baseUrl, "/api/token/", { email: victim.email });
  assert.equal(malformed.status, 400);
  const refresh = await postJson(baseUrl, "/api/token/refresh/", { refresh: victim.refresh });
  assert.equal(refresh.status, 200);
});
