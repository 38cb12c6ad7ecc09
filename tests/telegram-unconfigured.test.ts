import assert from "node:assert/strict";
import { describe, test } from "node:test";

// In sequence: the app must load without any bot settings (the environment is fixed per test file).
const { unconfigureTelegram, widgetLogin, messageUpdate, postUpdate, telegramId } = await import("./support/telegram");
unconfigureTelegram();
const { startApp } = await import("./support/app");
const { get, postJson, signUp } = await import("./support/requests");

const { baseUrl } = await startApp();

describe("without TELEGRAM_BOT_TOKEN", () => {
  test("tg-auth answers 503 JSON on both prefixes, with or without credentials", async () => {
    const member = await signUp(baseUrl);
    for (const path of ["/users/api/tg-auth/", "/api/tg-auth/", "/api/tg-auth"]) {
      for (const access of [undefined, member.access]) {
        const reply = await postJson(baseUrl, path, widgetLogin(), { access });
        assert.equal(reply.status, 503, reply.text);
        assert.deepEqual(reply.body, { detail: "Telegram login is not available.", error: "Вход через Telegram пока недоступен" });
      }
    }
  });

  test("the link-code endpoint answers 503", async () => {
    const member = await signUp(baseUrl);
    for (const path of ["/api/telegram/link-code/", "/users/api/telegram/link-code/"]) {
      const reply = await postJson(baseUrl, path, {}, { access: member.access });
      assert.equal(reply.status, 503, reply.text);
      assert.equal(typeof reply.body.error, "string");
    }
  });

  test("the webhook refuses every update when no secret is configured (401)", async () => {
    const update = messageUpdate({ chatId: telegramId(), text: "/start" });
    for (const secret of [null, "", "anything"]) {
      const reply = await postUpdate(baseUrl, update, secret);
      assert.equal(reply.status, 401, reply.text);
      assert.equal(typeof reply.body.error, "string");
    }
  });

  test("/tg-auth explains that Telegram sign-in is not set up and renders no widget", async () => {
    const response = await fetch(`${baseUrl}/tg-auth/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes("Вход через Telegram"));
    assert.ok(html.includes("пока не настроен"));
    assert.ok(!html.includes("data-telegram-login"));
    assert.ok(!html.includes("telegram-widget.js"));
    assert.equal((await get(baseUrl, "/api/health")).status, 200);
  });
});
