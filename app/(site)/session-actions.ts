"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { currentUser, safeNextPath, signIn, signOut, SignInRefused } from "@/lib/session";
import { parseTelegramLogin, telegramAccount, verifyTelegramLogin } from "@/lib/telegram/sign-in";
import { clientIpFromHeaders } from "@/lib/http/request";
import { headers } from "next/headers";

export type TelegramResult = { ok: true; redirectTo: string; linked: boolean } | { ok: false; message: string };

/**
 * The Telegram Login Widget's signed payload: a signed-in student links that Telegram account; anyone
 * else signs in with it (an account is created on first use), through next-auth's "telegram" provider.
 */
export async function telegramAuthAction(payload: string, next: string): Promise<TelegramResult> {
  const user = await currentUser();
  try {
    if (user) {
      const login = parseTelegramLogin(JSON.parse(payload));
      await verifyTelegramLogin({ login, ip: clientIpFromHeaders(await headers()) });
      await telegramAccount({ login, currentUserId: user.id });
      return { ok: true, redirectTo: safeNextPath(next, "/settings"), linked: true };
    }
    await signIn("telegram", { payload, redirect: false });
    return { ok: true, redirectTo: safeNextPath(next), linked: false };
  } catch (error) {
    if (error instanceof SignInRefused) return { ok: false, message: error.russian };
    if (error instanceof SyntaxError) return { ok: false, message: "Telegram прислал непонятный ответ. Попробуй ещё раз." };
    if (error instanceof AppError) {
      const message =
        error.message === "Invalid tg auth" ? "Telegram не подтвердил вход или данные устарели. Попробуй ещё раз." : error.message;
      return { ok: false, message };
    }
    throw error;
  }
}

/** Starts an OAuth sign-in (Google, Yandex, VK): next-auth redirects to the provider and back to `next`. */
export async function oauthSignInAction(provider: string, form: FormData): Promise<void> {
  await signIn(provider, { redirectTo: safeNextPath(form.get("next")) });
}

/** Signs this browser out: its login session is revoked (next-auth's signOut event) and the cookie cleared. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
  redirect("/");
}
