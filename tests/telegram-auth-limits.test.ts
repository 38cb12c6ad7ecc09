import assert from "node:assert/strict";
import { describe, test } from "node:test";

// The tg-auth limits (API.md §0): a bad signature counts like a wrong password, 10 per Telegram id and
// 100 per client address per 15 minutes. Each test uses its own address (X-Forwarded-For).
const { assertSession, configureTelegram, telegramId, widgetLogin } = await import("./support/telegram");
await configureTelegram();
const { startApp } = await import("./support/app");
const { postJson } = await import("./support/requests");
const { eq } = await import("drizzle-orm");
const { db } = await import("@/db/client");
const { rateLimits, users } = await import("@/db/schema");

const { baseUrl } = await startApp();

const INVALID = { error: "Invalid tg auth" };
const usersWithChat = (chatId: number) =>
  db
    .select()
    .from(users)
    .where(eq(users.chatId, String(chatId)));

describe("tg-auth rate limit (10 failed checks per Telegram id, 100 per IP, per 15 minutes)", () => {
  const THROTTLED = /^Request was throttled\. Expected available in (\d+) seconds\.$/;

  test("after 10 bad hashes for one Telegram id the 11th attempt is 429, even correctly signed", async () => {
    const id = telegramId();
    const headers = { "x-forwarded-for": "198.51.100.20" };
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const reply = await postJson(baseUrl, "/api/tg-auth/", { ...widgetLogin({ id }), hash: "0".repeat(64) }, { headers });
      assert.deepEqual(reply.body, INVALID);
    }
    const blocked = await postJson(baseUrl, "/users/api/tg-auth/", widgetLogin({ id }), { headers });
    assert.equal(blocked.status, 429, blocked.text);
    const seconds = Number(THROTTLED.exec(blocked.body.detail)?.[1]);
    assert.ok(seconds >= 1 && seconds <= 900);
    assert.equal(blocked.headers.get("retry-after"), String(seconds));
    assert.deepEqual(blocked.body, {
      detail: `Request was throttled. Expected available in ${seconds} seconds.`,
      error: `Слишком много попыток, повторите через ${seconds} с`,
    });
    assert.equal((await usersWithChat(id)).length, 0);
    // Another Telegram account from the same address is not affected.
    assertSession(await postJson(baseUrl, "/api/tg-auth/", widgetLogin(), { headers }), 201);
  });

  test("a successful login clears the Telegram id's count; malformed requests are not counted", async () => {
    const id = telegramId();
    const headers = { "x-forwarded-for": "198.51.100.21" };
    const bad = () => postJson(baseUrl, "/api/tg-auth/", { ...widgetLogin({ id }), hash: "f".repeat(64) }, { headers });
    for (let attempt = 0; attempt < 9; attempt += 1) assert.equal((await bad()).status, 400);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      assert.equal((await postJson(baseUrl, "/api/tg-auth/", { ...widgetLogin({ id }), hash: "short" }, { headers })).status, 400);
    }
    assertSession(await postJson(baseUrl, "/api/tg-auth/", widgetLogin({ id }), { headers }), 201);
    for (let attempt = 0; attempt < 10; attempt += 1) assert.deepEqual((await bad()).body, INVALID);
    assert.equal((await bad()).status, 429);
  });

  test("a failed check is charged to the client address; a success is not", async () => {
    const headers = { "x-forwarded-for": "198.51.100.22" };
    const hits = async () => (await db.select().from(rateLimits).where(eq(rateLimits.key, "ip:198.51.100.22")))[0]?.hits ?? 0;
    await postJson(baseUrl, "/api/tg-auth/", { ...widgetLogin(), hash: "1".repeat(64) }, { headers });
    assert.equal(await hits(), 1);
    assertSession(await postJson(baseUrl, "/api/tg-auth/", widgetLogin(), { headers }), 201);
    assert.equal(await hits(), 1);
  });
});

test("after 100 bad signatures from one address, tg-auth from it is 429 even for a fresh Telegram user", async () => {
  const headers = { "x-forwarded-for": "198.51.100.23" };
  // A fresh Telegram id each time, so no single id reaches its own limit of 10.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const reply = await postJson(baseUrl, "/api/tg-auth/", { ...widgetLogin(), hash: "2".repeat(64) }, { headers });
    assert.deepEqual(reply.body, INVALID, `attempt ${attempt + 1}`);
  }
  const login = widgetLogin();
  const blocked = await postJson(baseUrl, "/api/tg-auth/", login, { headers });
  assert.equal(blocked.status, 429, blocked.text);
  assert.equal((await usersWithChat(login.id)).length, 0);
  // Another address is not affected.
  assertSession(await postJson(baseUrl, "/api/tg-auth/", login, { headers: { "x-forwarded-for": "198.51.100.24" } }), 201);
});
