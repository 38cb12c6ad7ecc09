// Unit tests of the pure Telegram pieces: the announcement text and the widget signature check.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matchAnnouncementText, telegramHandle } from "../lib/telegram/messages";
import { isAuthentic, telegramLoginSchema } from "../lib/telegram/login-widget";
import { BOT_TOKEN, signWidget } from "./support/telegram";

describe("matchAnnouncementText", () => {
  test("a pair: the partner's name and handle and the shared hobbies", () => {
    const text = matchAnnouncementText({
      partners: [{ first_name: "Борис", last_name: "Петров", tg_link: "@boris" }],
      commonHobbies: ["Программирование", "Спорт"],
    });
    assert.match(text, /^🎉 У тебя новая пара в UniMatch!/);
    assert.ok(text.includes("Твой собеседник на эту неделю:\n• Борис Петров — @boris"), text);
    assert.ok(text.includes("Общие увлечения: Программирование, Спорт."), text);
    assert.ok(!text.includes("С чего начать"), "no icebreaker given, none shown");
  });

  test("the group's icebreaker comes after the shared hobbies, before the call to write", () => {
    const text = matchAnnouncementText({
      partners: [{ first_name: "Борис", last_name: "Петров", tg_link: "@boris" }],
      commonHobbies: ["Шахматы"],
      icebreaker: "Какой дебют ты играешь чаще всего?",
    });
    assert.ok(
      text.includes("Общие увлечения: Шахматы.\n\n💬 С чего начать разговор: Какой дебют ты играешь чаще всего?\n\nНапиши первым"),
      text,
    );
  });

  test("a trio names both partners; a missing handle and no shared hobbies are said plainly", () => {
    const text = matchAnnouncementText({
      partners: [
        { first_name: "Борис", last_name: "Петров", tg_link: null },
        { first_name: "Вера", last_name: "", tg_link: "https://t.me/vera_s" },
      ],
      commonHobbies: [],
    });
    assert.match(text, /вас трое/);
    assert.ok(text.includes("• Борис Петров (Telegram не указан"), text);
    assert.ok(text.includes("• Вера — @vera_s"), text);
    assert.match(text, /Общих увлечений в анкетах не нашлось/);
  });

  test("repeated hobbies are listed once; anonymous partners get a neutral name", () => {
    const text = matchAnnouncementText({ partners: [{ first_name: " ", last_name: "" }], commonHobbies: ["Шахматы", "Шахматы "] });
    assert.ok(text.includes("Участник UniMatch"), text);
    assert.ok(text.includes("Общие увлечения: Шахматы."), text);
  });

  test("telegramHandle normalises what people type", () => {
    assert.equal(telegramHandle("nick_name"), "@nick_name");
    assert.equal(telegramHandle("@nick_name"), "@nick_name");
    assert.equal(telegramHandle("t.me/nick_name"), "@nick_name");
    assert.equal(telegramHandle("https://t.me/nick_name/"), "@nick_name");
    assert.equal(telegramHandle("позвоните мне"), "позвоните мне");
    assert.equal(telegramHandle("  "), null);
    assert.equal(telegramHandle(null), null);
  });
});

describe("isAuthentic", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  const nowSeconds = now.getTime() / 1000;
  const login = (authDate: number, token = BOT_TOKEN) =>
    telegramLoginSchema.parse(signWidget({ id: 42, first_name: "Иван", auth_date: authDate }, token));

  test("accepts up to exactly 24 hours old and up to a minute ahead", () => {
    assert.equal(isAuthentic(login(nowSeconds), BOT_TOKEN, now), true);
    assert.equal(isAuthentic(login(nowSeconds - 86_400), BOT_TOKEN, now), true);
    assert.equal(isAuthentic(login(nowSeconds - 86_401), BOT_TOKEN, now), false);
    assert.equal(isAuthentic(login(nowSeconds + 60), BOT_TOKEN, now), true);
    assert.equal(isAuthentic(login(nowSeconds + 61), BOT_TOKEN, now), false);
  });

  test("refuses another bot's signature and any changed field", () => {
    assert.equal(isAuthentic(login(nowSeconds, "1:other"), BOT_TOKEN, now), false);
    assert.equal(isAuthentic({ ...login(nowSeconds), first_name: "Пётр" }, BOT_TOKEN, now), false);
    assert.equal(isAuthentic({ ...login(nowSeconds), id: 43 }, BOT_TOKEN, now), false);
  });
});
