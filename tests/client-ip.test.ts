// With no proxy in front (TRUSTED_PROXY_HOPS=0, the default), the per-IP limits key on the
// connection's peer address: X-Forwarded-For, or a forged peer-address header, changes nothing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { postJson, STRONG_PASSWORD, uniqueEmail } from "./support/requests";

// In sequence: the settings must be in the environment before the app's modules read them.
Object.assign(process.env, { TRUSTED_PROXY_HOPS: "0", SIGNUP_LIMIT_PER_IP: "2" });
const { startApp } = await import("./support/app");
const { baseUrl } = await startApp();

describe("the client address without a proxy", () => {
  test("a client cannot pick its own rate-limit key", async () => {
    const signUp = (headers: Record<string, string>) =>
      postJson(baseUrl, "/api/register/", { email: uniqueEmail(), password: STRONG_PASSWORD }, { headers });
    assert.equal((await signUp({ "x-forwarded-for": "203.0.113.1" })).status, 201);
    assert.equal((await signUp({ "x-forwarded-for": "203.0.113.2" })).status, 201);
    const third = await signUp({ "x-forwarded-for": "203.0.113.3", "x-unimatch-peer-address": "198.51.100.4" });
    assert.equal(third.status, 429, third.text);
  });
});
