// Telegram test helpers: bot settings pointed at the fake Bot API, Login Widget payloads signed the way
// Telegram signs them (computed here, independently of the app's code), and webhook updates.
// Import this before ./app: configuring sets environment variables the app reads when it loads.
import assert from "node:assert/strict";
import { createHash, createHmac, randomInt } from "node:crypto";
import { after } from "node:test";
import { startFakeTelegram, type FakeTelegram } from "./fake-telegram";
import { request } from "./requests";

export const BOT_TOKEN = "7012345678:AAH-test-token_for-the-fake-bot-api";
export const BOT_USERNAME = "unimatch_test_bot";
export const WEBHOOK_SECRET = "webhook-secret_for-tests-0123456789";
export const TELEGRAM_VARIABLES = ["TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_USERNAME", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_API_ROOT"];

/** Starts the fake Bot API (closed after the file) and configures the bot against it. */
export async function configureTelegram(): Promise<FakeTelegram> {
  const fake = await startFakeTelegram();
  after(() => fake.close());
  Object.assign(process.env, {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_BOT_USERNAME: BOT_USERNAME,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  return fake;
}

/** Leaves the app without any bot settings, whatever the shell running the tests has. */
export function unconfigureTelegram(): void {
  for (const name of TELEGRAM_VARIABLES) delete process.env[name];
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A Telegram user id no other test uses. */
export function telegramId(): number {
  return randomInt(1_000_000_000, 281_474_976_710_655);
}

export type WidgetFields = Record<string, string | number>;

/** A signed widget payload; `username` is present unless the test dropped it. */
export type SignedLogin = WidgetFields & { id: number; auth_date: number; hash: string; username?: string };

/** Signs fields as Telegram does: HMAC-SHA256 over the sorted `key=value` lines, keyed by SHA-256(bot token). */
export function signWidget(fields: WidgetFields, botToken = BOT_TOKEN): WidgetFields & { hash: string } {
  const checkString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join("\n");
  const secret = createHash("sha256").update(botToken).digest();
  return { ...fields, hash: createHmac("sha256", secret).update(checkString).digest("hex") };
}

/** A correctly signed widget payload for a fresh Telegram user; `overrides` replace fields before signing (undefined drops one). */
export function widgetLogin(overrides: Record<string, string | number | undefined> = {}): SignedLogin {
  const fields: Record<string, string | number | undefined> = {
    id: telegramId(),
    first_name: "Иван",
    last_name: "Телеграмов",
    username: `tg_user_${randomInt(1_000_000)}`,
    photo_url: "https://t.me/i/userpic/320/test.jpg",
    auth_date: nowSeconds(),
    ...overrides,
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as WidgetFields;
  return signWidget(defined) as SignedLogin;
}

let updateId = 1000;

export interface UpdateOptions {
  chatId: number;
  text: string;
  username?: string;
  firstName?: string;
  chatType?: "private" | "group";
}

/** A message update as Telegram delivers it; a leading `/command` gets its bot_command entity. */
export function messageUpdate({ chatId, text, username, firstName = "Тест", chatType = "private" }: UpdateOptions) {
  updateId += 1;
  const command = /^\/\S+/.exec(text)?.[0];
  const from = { id: chatType === "private" ? chatId : 42, is_bot: false, first_name: firstName, ...(username ? { username } : {}) };
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: nowSeconds(),
      chat:
        chatType === "private"
          ? { id: chatId, type: "private", first_name: firstName, ...(username ? { username } : {}) }
          : { id: chatId, type: "group", title: "Группа" },
      from,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    },
  };
}

/** Posts an update to the webhook with the given secret header (none when null). */
export async function postUpdate(baseUrl: string, update: unknown, secret: string | null = WEBHOOK_SECRET, path = "/api/telegram/webhook") {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["x-telegram-bot-api-secret-token"] = secret;
  const body = typeof update === "string" ? update : JSON.stringify(update);
  return request(baseUrl, "POST", path, { body, headers, expectJson: false });
}

/** A tg-auth success: exactly {access, refresh, user}, and the refresh cookie set to that refresh token. */
export function assertSession(reply: { status: number; headers: Headers; body: any; text: string }, status: number) {
  assert.equal(reply.status, status, reply.text);
  assert.deepEqual(Object.keys(reply.body).sort(), ["access", "refresh", "user"]);
  const cookie = reply.headers.getSetCookie().find((header) => header.startsWith("refresh_token="));
  assert.ok(cookie, "the refresh cookie is set");
  assert.equal(cookie.slice("refresh_token=".length).split(";")[0], reply.body.refresh);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
}
