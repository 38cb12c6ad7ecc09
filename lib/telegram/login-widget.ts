import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { integer, REQUIRED, text } from "@/lib/validation/fields";

/** How old a widget login may be (Telegram's recommendation) and how far ahead of our clock it may claim to be. */
export const MAX_AUTH_AGE_SECONDS = 24 * 60 * 60;
export const CLOCK_SKEW_SECONDS = 60;

const MAX_FIELDS = 20;
const EXTRA_KEY = /^[a-z][a-z0-9_]{0,63}$/;

// Fields the widget may add in future are signed too, so they are kept (bounded) for the check string.
const extraValue = z.union([text(1024), z.int()], { error: "Not a valid string." });

/** The Telegram Login Widget payload (`onauth` user object) as `POST …/tg-auth/` receives it. */
export const telegramLoginSchema = z
  .object({
    id: integer(1, Number.MAX_SAFE_INTEGER),
    auth_date: integer(0, Number.MAX_SAFE_INTEGER),
    hash: z
      .string({ error: (issue) => (issue.input === undefined ? REQUIRED : "Not a valid string.") })
      .regex(/^[0-9a-fA-F]{64}$/, { error: "This value does not match the required pattern." }),
    first_name: text(150).optional(),
    last_name: text(150).optional(),
    username: text(64).optional(),
    photo_url: text(1024).optional(),
  })
  .catchall(extraValue)
  .superRefine((data, ctx) => {
    const keys = Object.keys(data);
    if (keys.length > MAX_FIELDS) ctx.addIssue({ code: "custom", message: `Ensure there are no more than ${MAX_FIELDS} fields.` });
    for (const key of keys) {
      if (!EXTRA_KEY.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "Unexpected field." });
    }
  });
export type TelegramLogin = z.output<typeof telegramLoginSchema>;

/** Telegram's data-check-string: every received field but `hash`, sorted by key, `key=value` lines. */
export function dataCheckString(data: Record<string, unknown>): string {
  return Object.keys(data)
    .filter((key) => key !== "hash")
    .sort()
    .map((key) => `${key}=${String(data[key])}`)
    .join("\n");
}

/** The hash Telegram computes for `data` with this bot's token (hex HMAC-SHA256 keyed by SHA-256 of the token). */
export function widgetHash(data: Record<string, unknown>, botToken: string): string {
  const secret = createHash("sha256").update(botToken).digest();
  return createHmac("sha256", secret).update(dataCheckString(data)).digest("hex");
}

/**
 * True when `data` was signed by Telegram for this bot (compared in constant time) and its `auth_date`
 * is neither older than 24 hours nor more than a minute in the future.
 */
export function isAuthentic(data: TelegramLogin, botToken: string, now: Date = new Date()): boolean {
  const expected = Buffer.from(widgetHash(data, botToken), "hex");
  const received = Buffer.from(data.hash.toLowerCase(), "hex");
  const signed = received.length === expected.length && timingSafeEqual(received, expected);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const fresh = data.auth_date >= nowSeconds - MAX_AUTH_AGE_SECONDS && data.auth_date <= nowSeconds + CLOCK_SKEW_SECONDS;
  return signed && fresh;
}
