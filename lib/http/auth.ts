import type { User } from "@/db/schema";
import { looksLikeJwt, verifyToken } from "@/lib/auth/jwt";
import { userIdForLegacyKey } from "@/lib/auth/legacy-keys";
import { userIdForOAuthAccessToken } from "@/lib/auth/oauth/tokens";
import { hasSessionCookie, userFromSessionCookie } from "@/lib/session/request";
import { getActiveUser } from "@/lib/users/queries";
import { ACCESS_COOKIE, readCookie } from "./cookies";
import { isTrustedOrigin } from "./cors";
import { AppError, inactiveAccount, permissionDenied } from "@/lib/errors";
import { invalidLegacyKey, notAuthenticated, tokenNotValid } from "./errors";
import { isSafeMethod } from "./request";

export type AuthMethod = "jwt" | "oauth" | "legacy_key" | "cookie" | "session";

export interface Authenticated {
  user: User;
  method: AuthMethod;
  /** The legacy key the request carried, so logout can delete exactly that key. */
  legacyKey?: string;
}

async function userFromAccessToken(token: string): Promise<User> {
  const claims = looksLikeJwt(token) ? await verifyToken(token, "access") : null;
  if (!claims) throw tokenNotValid();
  const user = await getActiveUser({ userId: claims.user_id });
  if (!user) throw inactiveAccount();
  return user;
}

/** A Bearer credential: a JWT access token, else an opaque OAuth access token (unexpired, unrevoked). */
async function userFromBearer(token: string): Promise<Authenticated> {
  if (looksLikeJwt(token)) return { user: await userFromAccessToken(token), method: "jwt" };
  const userId = await userIdForOAuthAccessToken(token);
  if (userId === null) throw tokenNotValid();
  const user = await getActiveUser({ userId });
  if (!user) throw inactiveAccount();
  return { user, method: "oauth" };
}

/**
 * Resolves the caller from, in order: `Authorization: Bearer <JWT or opaque OAuth token>`, `Authorization: Token|token <key>`,
 * and for same-origin (or listed) requests the `access_token` cookie, then the web pages' session cookie.
 * Null when no credentials were sent; a 401 AppError when credentials were sent but are not valid (a
 * session cookie that no longer signs anyone in counts as none: the pages' sign-out leaves it behind).
 */
export async function authenticate(request: Request): Promise<Authenticated | null> {
  const header = request.headers.get("authorization")?.trim();
  if (header) {
    const [scheme = "", credential = "", ...rest] = header.split(/\s+/);
    const keyword = scheme.toLowerCase();
    if (keyword === "bearer" || keyword === "token") {
      if (!credential || rest.length > 0) throw keyword === "bearer" ? tokenNotValid() : invalidLegacyKey();
      if (keyword === "bearer") return userFromBearer(credential);
      const userId = await userIdForLegacyKey(credential);
      const user = userId === null ? null : await getActiveUser({ userId });
      if (!user) throw invalidLegacyKey();
      return { user, method: "legacy_key", legacyKey: credential };
    }
  }
  const cookieToken = readCookie(request, ACCESS_COOKIE);
  if (cookieToken) {
    assertCookieOriginAllowed(request);
    return { user: await userFromAccessToken(cookieToken), method: "cookie" };
  }
  if (hasSessionCookie(request)) {
    const user = await userFromSessionCookie(request);
    if (user) {
      assertCookieOriginAllowed(request);
      return { user, method: "session" };
    }
  }
  return null;
}

/** Refuses a cookie-authenticated state-changing request sent from a foreign origin (CSRF). */
export function assertCookieOriginAllowed(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin && !isSafeMethod(request.method) && !isTrustedOrigin(origin)) {
    throw new AppError("forbidden", "Запрос с чужого сайта отклонён", { detail: "CSRF Failed: Origin checking failed." });
  }
}

/** The authenticated caller, or the contract's 401. */
export async function requireAuth(request: Request): Promise<Authenticated> {
  const auth = await authenticate(request);
  if (!auth) throw notAuthenticated();
  return auth;
}

export async function requireUser(request: Request): Promise<User> {
  return (await requireAuth(request)).user;
}

export async function requireStaff(request: Request): Promise<User> {
  const user = await requireUser(request);
  if (!user.isStaff) throw permissionDenied();
  return user;
}
