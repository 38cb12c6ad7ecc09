import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { beforeEach, describe, test } from "node:test";

// In sequence: the bot settings must be in the environment before the app's modules load.
const { BOT_TOKEN, BOT_USERNAME, configureTelegram, messageUpdate, postUpdate, telegramId } = await import("./support/telegram");
const telegram = await configureTelegram();
const { startApp } = await import("./support/app");
const { get, postJson, signUp, assertErrorBody, assertNoCredentials } = await import("./support/requests");
const { eq, sql } = await import("drizzle-orm");
const { db } = await import("@/db/client");
const { telegramLinkCodes, users } = await import("@/db/schema");

const { baseUrl } = await startApp();

beforeEach(() => telegram.reset());

const me = async (access: string) => (await get(baseUrl, "/api/auth/users/me/", { access })).body;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function linkCode(access: string, path = "/api/telegram/link-code/"): Promise<string> {
  const reply = await postJson(baseUrl, path, {}, { access });
  assert.equal(reply.status, 201, reply.text);
  return reply.body.code;
}

/** Sends a command from a private chat; asserts the webhook's 200 and returns what the bot replied there. */
async function command(chatId: number, text: string, username?: string): Promise<string[]> {
  const reply = await postUpdate(baseUrl, messageUpdate({ chatId, text, username }));
  assert.equal(reply.status, 200, reply.text);
  const sent = telegram.sent();
  assert.ok(
    sent.every((message) => message.chatId === String(chatId)),
    JSON.stringify(sent),
  );
  return sent.map((message) => message.text);
}

async function linkedMember(fields: Record<string, unknown> = {}) {
  const member = await signUp(baseUrl, fields);
  const chatId = telegramId();
  const [answer] = await command(chatId, `/start ${await linkCode(member.access)}`);
  assert.match(answer ?? "", /привязан/);
  telegram.reset();
  return { ...member, chatId };
}

describe("POST /api/telegram/link-code/", () => {
  test("a logged-in user gets a 15-minute single-use code and its t.me link, stored only as a hash", async () => {
    const member = await signUp(baseUrl);
    for (const path of ["/api/telegram/link-code/", "/users/api/telegram/link-code", "/api/telegram/link-code"]) {
      const before = Date.now();
      const reply = await postJson(baseUrl, path, {}, { access: member.access });
      assert.equal(reply.status, 201, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), ["code", "expires_at", "url"]);
      const { code, url, expires_at } = reply.body;
      assert.match(code, /^[A-Za-z0-9_-]{16,64}$/);
      assert.equal(url, `https://t.me/${BOT_USERNAME}?start=${code}`);
      const lifetime = Date.parse(expires_at) - before;
      assert.ok(lifetime > 14 * 60_000 && lifetime <= 15 * 60_000 + 5_000, `expires in ${lifetime} ms`);
      const rows = await db
        .select()
        .from(telegramLinkCodes)
        .where(eq(telegramLinkCodes.codeHash, sha256(code)));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.userId, member.user.id);
    }
    const plain = await db.select().from(telegramLinkCodes).where(eq(telegramLinkCodes.userId, member.user.id));
    assert.ok(
      plain.every((row) => !/^[A-Za-z0-9_-]{22}$/.test(row.codeHash)),
      "no code is stored in the clear",
    );
  });

  test("requires authentication and POST", async () => {
    assertNoCredentials(await postJson(baseUrl, "/api/telegram/link-code/", {}));
    assertNoCredentials(await postJson(baseUrl, "/users/api/telegram/link-code/", {}));
    assert.equal((await get(baseUrl, "/api/telegram/link-code/")).status, 405);
  });
});

describe("POST /api/telegram/webhook: the secret header", () => {
  test("missing or wrong secret → 401 JSON, the update is not handled", async () => {
    const update = messageUpdate({ chatId: telegramId(), text: "/start" });
    for (const secret of [null, "wrong", `${"webhook-secret_for-tests-0123456789"}x`, ""]) {
      const reply = await postUpdate(baseUrl, update, secret);
      assertErrorBody(reply, 401);
    }
    assert.deepEqual(telegram.calls, []);
  });

  test("only POST; the trailing slash is optional", async () => {
    assert.equal((await get(baseUrl, "/api/telegram/webhook")).status, 405);
    const reply = await postUpdate(baseUrl, messageUpdate({ chatId: telegramId(), text: "/start" }), undefined, "/api/telegram/webhook/");
    assert.equal(reply.status, 200);
  });

  test("accepted updates are answered 200 even when they cannot be handled", async () => {
    for (const body of [
      "{",
      "[]",
      JSON.stringify({ hello: "world" }),
      JSON.stringify({ update_id: 5, edited_message: { nonsense: true } }),
    ]) {
      const reply = await postUpdate(baseUrl, body);
      assert.equal(reply.status, 200, `${body}: ${reply.text}`);
    }
    const plainText = await postUpdate(baseUrl, messageUpdate({ chatId: telegramId(), text: "привет" }));
    assert.equal(plainText.status, 200);
    assert.deepEqual(telegram.sent(), []);
  });
});

describe("bot commands", () => {
  test("plain /start: a Russian welcome with the site's address, through the Bot API with the bot's token", async () => {
    const chatId = telegramId();
    const [welcome] = await command(chatId, "/start");
    assert.match(welcome ?? "", /Привет/);
    assert.ok(welcome?.includes("http://localhost:3000"), welcome);
    assert.ok(
      telegram.calls.every((call) => call.token === BOT_TOKEN && call.method === "sendMessage"),
      "no getMe, only the reply",
    );
  });

  test("/start <code> links the chat to the code's account and fills tg_link", async () => {
    const member = await signUp(baseUrl, { first_name: "Мария" });
    const chatId = telegramId();
    const code = await linkCode(member.access);
    const replies = await command(chatId, `/start ${code}`, "maria_tg");
    assert.equal(replies.length, 1);
    assert.match(replies[0]!, /^Готово, Мария! Telegram привязан/);
    const profile = await me(member.access);
    assert.equal(profile.chat_id, String(chatId));
    assert.equal(profile.tg_link, "@maria_tg");
    const [row] = await db
      .select()
      .from(telegramLinkCodes)
      .where(eq(telegramLinkCodes.codeHash, sha256(code)));
    assert.ok(row?.usedAt, "the code is used up");
  });

  test("a used code, an expired code, an unknown code: explained, nothing linked", async () => {
    const member = await signUp(baseUrl);
    const code = await linkCode(member.access);
    const first = telegramId();
    await command(first, `/start ${code}`);
    telegram.reset();

    const stranger = telegramId();
    assert.match((await command(stranger, `/start ${code}`))[0] ?? "", /уже использована/);
    telegram.reset();
    const expired = await linkCode(member.access);
    await db
      .update(telegramLinkCodes)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(telegramLinkCodes.codeHash, sha256(expired)));
    assert.match((await command(stranger, `/start ${expired}`))[0] ?? "", /истёк/);
    telegram.reset();
    assert.match((await command(stranger, "/start AAAAAAAAAAAAAAAAAAAAAA"))[0] ?? "", /не найдена/);
    telegram.reset();
    assert.match((await command(stranger, "/start not-a-code-at-all!"))[0] ?? "", /не найдена/);

    assert.equal((await me(member.access)).chat_id, String(first));
    assert.equal(
      (
        await db
          .select()
          .from(users)
          .where(eq(users.chatId, String(stranger)))
      ).length,
      0,
    );
  });

  test("a chat linked to another account is explained and the code stays usable", async () => {
    const owner = await linkedMember();
    const other = await signUp(baseUrl);
    const code = await linkCode(other.access);
    assert.match((await command(owner.chatId, `/start ${code}`))[0] ?? "", /другому аккаунту/);
    assert.equal((await me(other.access)).chat_id, null);
    assert.equal((await me(owner.access)).chat_id, String(owner.chatId));
    telegram.reset();
    const ownChat = telegramId();
    assert.match((await command(ownChat, `/start ${code}`))[0] ?? "", /привязан/);
    assert.equal((await me(other.access)).chat_id, String(ownChat));
  });

  test("linking the same chat again says so; an existing tg_link is kept; /start@bot works", async () => {
    const member = await linkedMember({ tg_link: "@keep_me" });
    const replies = await command(member.chatId, `/start@${BOT_USERNAME} ${await linkCode(member.access)}`, "other_name");
    assert.match(replies[0] ?? "", /уже привязан к твоему аккаунту/);
    const profile = await me(member.access);
    assert.equal(profile.tg_link, "@keep_me");
    assert.equal(profile.chat_id, String(member.chatId));
  });

  test("in a group chat the bot links nothing and asks for a private message", async () => {
    const member = await signUp(baseUrl);
    const groupId = -telegramId();
    const reply = await postUpdate(
      baseUrl,
      messageUpdate({ chatId: groupId, chatType: "group", text: `/start ${await linkCode(member.access)}` }),
    );
    assert.equal(reply.status, 200);
    assert.deepEqual(telegram.sent(), [{ chatId: String(groupId), text: telegram.sent()[0]!.text }]);
    assert.match(telegram.sent()[0]!.text, /личных сообщениях/);
    assert.equal((await me(member.access)).chat_id, null);
  });

  test("/pause and /resume switch is_active_pair of the linked user", async () => {
    const member = await linkedMember();
    assert.match((await command(member.chatId, "/pause"))[0] ?? "", /паузу/);
    assert.equal((await me(member.access)).is_active_pair, false);
    telegram.reset();
    assert.match((await command(member.chatId, "/resume"))[0] ?? "", /снова участвуешь/);
    assert.equal((await me(member.access)).is_active_pair, true);
  });

  test("commands from a chat that is not linked explain how to link it", async () => {
    for (const text of ["/match", "/pause", "/resume"]) {
      telegram.reset();
      assert.match((await command(telegramId(), text))[0] ?? "", /не привязан/);
    }
  });

  test("the webhook still answers 200 when the Bot API refuses the reply; the link is kept", async () => {
    telegram.respondWith((call) =>
      call.method === "sendMessage"
        ? { status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } }
        : undefined,
    );
    const member = await signUp(baseUrl);
    const chatId = telegramId();
    const reply = await postUpdate(baseUrl, messageUpdate({ chatId, text: `/start ${await linkCode(member.access)}` }));
    assert.equal(reply.status, 200, reply.text);
    assert.equal((await me(member.access)).chat_id, String(chatId));
  });
});

const { saveRound } = await import("@/lib/matching/service");
type Hobby = { id: number; name: string };
const [h1, h2, h3] = (await get(baseUrl, "/api/hobby/all/")).body as [Hobby, Hobby, Hobby];

describe("/match", () => {
  test("no pair yet, then the current partner with handle and shared hobbies, then a trio", async () => {
    const anna = await linkedMember({ first_name: "Анна", last_name: "Иванова", hobby: [h1.id, h2.id] });
    assert.match((await command(anna.chatId, "/match"))[0] ?? "", /пока нет/);

    const boris = await signUp(baseUrl, { first_name: "Борис", last_name: "Петров", hobby: [h1.id], tg_link: "boris_tg" });
    await saveRound({ slot: new Date("2030-01-07T13:00:00Z"), groups: [[anna.user.id, boris.user.id]] });
    telegram.reset();
    const [pair] = await command(anna.chatId, "/match");
    assert.ok(pair?.includes("Борис Петров — @boris_tg"), pair);
    assert.ok(pair?.includes(`Общие увлечения: ${h1.name}.`), pair);

    const vera = await signUp(baseUrl, { first_name: "Вера", last_name: "Смирнова", hobby: [h2.id, h3.id] });
    await saveRound({ slot: new Date("2030-01-14T13:00:00Z"), groups: [[anna.user.id, boris.user.id, vera.user.id]] });
    telegram.reset();
    const [trio] = await command(anna.chatId, "/match");
    assert.ok(trio?.includes("Твои собеседники"), trio);
    assert.ok(trio?.includes("Борис Петров — @boris_tg"), trio);
    assert.ok(trio?.includes("Вера Смирнова (Telegram не указан"), trio);
    assert.ok(trio?.includes(h1.name) && trio.includes(h2.name), trio);
    assert.ok(!trio?.includes(h3.name), trio);
  });
});

describe("GET /tg-auth", () => {
  test("renders the Telegram Login Widget for the configured bot", async () => {
    const response = await fetch(`${baseUrl}/tg-auth`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.ok(html.includes('src="https://telegram.org/js/telegram-widget.js?22"'), "the widget script");
    assert.ok(html.includes(`data-telegram-login="${BOT_USERNAME}"`));
    assert.ok(html.includes('data-onauth="onTelegramAuth(user)"'));
    assert.ok(html.includes('data-request-access="write"'));
    assert.ok(html.includes("Вход через Telegram"));
    assert.ok(!html.includes("не настроен"));
  });
});
