import "server-only";
import { createHash, createHmac } from "node:crypto";
import type { User } from "@/db/schema";
import { env } from "@/lib/env";
import { safeEqual } from "./tokens-at-rest";

// Django's PasswordResetTokenGenerator (django/contrib/auth/tokens.py, Django ≥ 3.1, algorithm sha256),
// which djoser uses for both activation and password-reset links. Reproduced exactly so that links the
// old Django deployment mailed stay valid here when DJANGO_SECRET_KEY is its SECRET_KEY:
//   token      = base36(ts) + "-" + salted_hmac(KEY_SALT, hash_value, secret).hexdigest()[::2]
//   salted_hmac: key = sha256(KEY_SALT + secret).digest(); HMAC-SHA256(key, hash_value)
//   hash_value = str(pk) + password + last_login(UTC, no microseconds, "YYYY-MM-DD HH:MM:SS" or "") + str(ts) + email
//   ts         = whole seconds since 2001-01-01 00:00:00
// Everything signed changes once the link is used (password hash, last_login), so a token dies then.

export const KEY_SALT = "django.contrib.auth.tokens.PasswordResetTokenGenerator";
const DJANGO_EPOCH_MS = Date.UTC(2001, 0, 1);
const MAX_UID_LENGTH = 16;

export type TokenSubject = Pick<User, "id" | "passwordHash" | "lastLogin" | "email">;

function secret(): string {
  return env.DJANGO_SECRET_KEY ?? env.JWT_SECRET;
}

/** `urlsafe_base64_encode(force_bytes(pk))` without padding: 1 → "MQ". */
export function encodeUid(userId: number): string {
  return Buffer.from(String(userId), "utf8").toString("base64url");
}

/** The user id a uid encodes, or null when it is not a positive 32-bit integer in Django's encoding. */
export function decodeUid(uid: string): number | null {
  if (uid.length === 0 || uid.length > MAX_UID_LENGTH || !/^[A-Za-z0-9_-]+={0,2}$/.test(uid)) return null;
  const decoded = Buffer.from(uid.replace(/=+$/, ""), "base64url").toString("utf8");
  if (!/^[1-9][0-9]{0,9}$/.test(decoded)) return null;
  const id = Number(decoded);
  return id <= 2_147_483_647 ? id : null;
}

/** Django's `str(last_login.replace(microsecond=0, tzinfo=None))` for a UTC-stored timestamp. */
export function djangoLoginTimestamp(lastLogin: Date | null): string {
  return lastLogin ? lastLogin.toISOString().slice(0, 19).replace("T", " ") : "";
}

export function secondsSinceDjangoEpoch(at: Date = new Date()): number {
  return Math.floor((at.getTime() - DJANGO_EPOCH_MS) / 1000);
}

/** Django's `_make_hash_value`. */
export function hashValue(user: TokenSubject, timestamp: number): string {
  return `${user.id}${user.passwordHash ?? ""}${djangoLoginTimestamp(user.lastLogin)}${timestamp}${user.email ?? ""}`;
}

/** Django's `salted_hmac(key_salt, value, secret, algorithm="sha256").hexdigest()`. */
export function saltedHmacHex(keySalt: string, value: string, key: string): string {
  const derived = createHash("sha256")
    .update(keySalt + key, "utf8")
    .digest();
  return createHmac("sha256", derived).update(value, "utf8").digest("hex");
}

function tokenAt(user: TokenSubject, timestamp: number, key: string): string {
  const hex = saltedHmacHex(KEY_SALT, hashValue(user, timestamp), key);
  const everySecond = [...hex].filter((_, index) => index % 2 === 0).join("");
  return `${timestamp.toString(36)}-${everySecond}`;
}

/** A fresh activation / password-reset token for the user's current state. */
export function makeToken(user: TokenSubject, now: Date = new Date()): string {
  return tokenAt(user, secondsSinceDjangoEpoch(now), secret());
}

/**
 * Django's `check_token`: the right format, a signature over the user's CURRENT state (compared in
 * constant time), and not older than PASSWORD_RESET_TTL.
 */
export function checkToken(user: TokenSubject, token: string, now: Date = new Date()): boolean {
  const match = /^([0-9a-z]{1,13})-([0-9a-f]{1,64})$/.exec(token);
  if (!match) return false;
  const timestamp = Number.parseInt(match[1]!, 36);
  if (!Number.isSafeInteger(timestamp)) return false;
  if (!safeEqual(tokenAt(user, timestamp, secret()), token)) return false;
  return secondsSinceDjangoEpoch(now) - timestamp <= env.PASSWORD_RESET_TTL;
}
