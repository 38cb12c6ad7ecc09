import { env } from "@/lib/env";
import { authenticate, requireUser } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { setRefreshCookie } from "@/lib/http/cookies";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";
import { handleWebhookUpdate, webhookSecretMatches } from "@/lib/telegram/bot";
import { telegramConfigured } from "@/lib/telegram/client";
import { createLinkCode } from "@/lib/telegram/link-codes";
import { parseTelegramLogin, telegramSignIn, telegramUnavailable, verifyTelegramLogin } from "@/lib/telegram/sign-in";
import { serializeUser, type Generation } from "@/lib/users/serialize";

/** `POST …/tg-auth/`: Telegram Login Widget sign-in, or linking when the caller is logged in. */
export function telegramAuth(generation: Generation) {
  return async (request: Request): Promise<Response> => {
    if (!telegramConfigured()) throw telegramUnavailable();
    const auth = await authenticate(request);
    const login = parseTelegramLogin(await readBody(request));
    await verifyTelegramLogin({ login, ip: clientIp(request) });
    const { status, profile, tokens } = await telegramSignIn({ login, currentUserId: auth?.user.id ?? null });
    const body = { access: tokens.access, refresh: tokens.refresh, user: serializeUser(profile, generation) };
    return setRefreshCookie(json(status, body), tokens.refresh);
  };
}

/** `POST …/telegram/link-code/`: a one-time `t.me/<bot>?start=<code>` link for the current user. */
export async function telegramLinkCode(request: Request): Promise<Response> {
  const botUsername = env.TELEGRAM_BOT_USERNAME;
  if (!telegramConfigured() || !botUsername) {
    throw new AppError("unavailable", "Привязка Telegram пока недоступна", { detail: "Telegram bot is not configured." });
  }
  const user = await requireUser(request);
  const { code, expiresAt } = await createLinkCode({ userId: user.id });
  const url = `https://t.me/${encodeURIComponent(botUsername)}?start=${code}`;
  return json(201, { code, url, expires_at: expiresAt.toISOString() });
}

/** `POST /api/telegram/webhook`: bot updates; 200 for every update once the secret header checks out. */
export async function telegramWebhook(request: Request): Promise<Response> {
  if (!webhookSecretMatches(request.headers.get("x-telegram-bot-api-secret-token"))) {
    throw new AppError("unauthorized", "Неверный секретный токен вебхука", { detail: "Invalid webhook secret token." });
  }
  if (!telegramConfigured()) throw telegramUnavailable();
  let update: unknown = null;
  try {
    update = await readBody(request);
  } catch {
    // A body Telegram would never send; answering it with an error would only make Telegram resend it.
  }
  await handleWebhookUpdate(update);
  return json(200, { ok: true });
}
