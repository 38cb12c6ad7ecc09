import { authenticate } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { setRefreshCookie } from "@/lib/http/cookies";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";
import { parseWith } from "@/lib/http/validation";
import { telegramConfigured } from "@/lib/telegram/client";
import { telegramLoginSchema } from "@/lib/telegram/login-widget";
import { telegramSignIn, telegramUnavailable, verifyTelegramLogin } from "@/lib/telegram/sign-in";
import { serializeUser, type Generation } from "@/lib/users/serialize";

/** `POST …/tg-auth/`: Telegram Login Widget sign-in, or linking when the caller is logged in. */
export function telegramAuth(generation: Generation) {
  return async (request: Request): Promise<Response> => {
    if (!telegramConfigured()) throw telegramUnavailable();
    const auth = await authenticate(request);
    const login = parseWith(telegramLoginSchema, await readBody(request));
    await verifyTelegramLogin({ login, ip: clientIp(request) });
    const { status, profile, tokens } = await telegramSignIn({ login, currentUserId: auth?.user.id ?? null });
    const body = { access: tokens.access, refresh: tokens.refresh, user: serializeUser(profile, generation) };
    return setRefreshCookie(json(status, body), tokens.refresh);
  };
}
