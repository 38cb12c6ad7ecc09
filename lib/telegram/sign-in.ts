import { db, type Transaction } from "@/db/client";
import type { User } from "@/db/schema";
import { credentialLimits, releaseAttempt, reserveAttempt } from "@/lib/auth/rate-limit";
import { issueTokenPair, type TokenPair } from "@/lib/auth/refresh-tokens";
import { env } from "@/lib/env";
import { AppError, inactiveAccount } from "@/lib/errors";
import { findUserByChatId, getProfile, type Profile } from "@/lib/users/queries";
import { ChatTakenError, createTelegramUser, linkChat, withChatUniqueness } from "./accounts";
import { isAuthentic, telegramLoginSchema, type TelegramLogin } from "./login-widget";

export interface TelegramSignIn {
  /** 201 when an account was linked or created, 200 when an existing one logged in. */
  status: 200 | 201;
  profile: Profile;
  tokens: TokenPair;
}

export function telegramUnavailable(): AppError {
  return new AppError("unavailable", "Вход через Telegram пока недоступен", { detail: "Telegram login is not available." });
}

/** The contract's exact answer for a bad signature or a stale / future auth_date. */
export function invalidTelegramAuth(): AppError {
  return new AppError("bad_request", "Invalid tg auth");
}

export function telegramAlreadyLinked(): AppError {
  return new AppError("conflict", "Этот Telegram-аккаунт уже привязан к другому пользователю", {
    detail: "This Telegram account is already linked to another user.",
  });
}

/**
 * The widget payload in `data`, or the contract's "Invalid tg auth" for anything that cannot be
 * verified (no hash, wrong types, unknown fields …): not counted against the rate limits, as it is no
 * credential check.
 */
export function parseTelegramLogin(data: unknown): TelegramLogin {
  const parsed = telegramLoginSchema.safeParse(data);
  if (!parsed.success) throw invalidTelegramAuth();
  return parsed.data;
}

/**
 * Checks the widget signature as a credential: counted against the Telegram id and the IP before the
 * check (a 429 past either limit), kept as a failure when it does not verify, given back when it does.
 */
export async function verifyTelegramLogin({ login, ip }: { login: TelegramLogin; ip: string }): Promise<void> {
  const botToken = env.TELEGRAM_BOT_TOKEN;
  if (!botToken) throw telegramUnavailable();
  const limits = credentialLimits({ account: `tg:${login.id}`, ip });
  await reserveAttempt(limits);
  if (!isAuthentic(login, botToken)) throw invalidTelegramAuth();
  await releaseAttempt(limits);
}

/** The account linked to the Telegram user, created (email-less, password-less) when there is none. */
async function findOrCreateUser(tx: Transaction, login: TelegramLogin): Promise<{ user: User; created: boolean }> {
  const chatId = String(login.id);
  const existing = await findUserByChatId({ chatId, executor: tx });
  if (existing) return { user: existing, created: false };
  const names = { firstName: login.first_name ?? "", lastName: login.last_name ?? "" };
  const created = await createTelegramUser({ executor: tx, chatId, ...names, username: login.username });
  if (created) return { user: created, created: true };
  // A concurrent first login created the account between our look-up and our insert.
  const raced = await findUserByChatId({ chatId, executor: tx });
  if (!raced) throw new Error("the Telegram account's user vanished during sign-in");
  return { user: raced, created: false };
}

/** Links the Telegram account to `currentUserId`, or finds or creates the account it signs in to. */
async function applyTelegramLogin(
  tx: Transaction,
  { login, currentUserId }: { login: TelegramLogin; currentUserId: number | null },
): Promise<{ userId: number; status: 200 | 201 }> {
  if (currentUserId !== null) {
    const linked = await linkChat({ executor: tx, userId: currentUserId, chatId: String(login.id), username: login.username });
    if (linked === "taken") throw new ChatTakenError();
    return { userId: currentUserId, status: 201 };
  }
  const { user, created } = await findOrCreateUser(tx, login);
  if (!user.isActive) throw inactiveAccount();
  return { userId: user.id, status: created ? 201 : 200 };
}

/**
 * Signs in with a verified widget login, in one transaction. With `currentUserId` the Telegram account
 * is linked to that user (201); otherwise the user linked to it logs in (200) or a new account is
 * created for it (201). A Telegram account linked to someone else is a 409 and changes nothing.
 */
export async function telegramSignIn({
  login,
  currentUserId,
}: {
  login: TelegramLogin;
  currentUserId: number | null;
}): Promise<TelegramSignIn> {
  const outcome = await withChatUniqueness(() =>
    db.transaction(async (tx) => {
      const { userId, status } = await applyTelegramLogin(tx, { login, currentUserId });
      const tokens = await issueTokenPair({ userId, executor: tx });
      const profile = (await getProfile({ userId, executor: tx }))!;
      return { status, profile, tokens };
    }),
  );
  if (outcome === "taken") throw telegramAlreadyLinked();
  return outcome;
}

/** telegramSignIn for the web pages' session: the same linking and account rules, no API tokens. Returns the user id. */
export async function telegramAccount({ login, currentUserId }: { login: TelegramLogin; currentUserId: number | null }): Promise<number> {
  const outcome = await withChatUniqueness(() => db.transaction((tx) => applyTelegramLogin(tx, { login, currentUserId })));
  if (outcome === "taken") throw telegramAlreadyLinked();
  return outcome.userId;
}
