import { tokenObtainSchema, refreshBodySchema, verifyBodySchema } from "@/lib/auth/schema";
import { checkCredentials } from "@/lib/users/login";
import { checkToken, issueTokenPair, revokeRefreshToken, rotateRefreshToken } from "@/lib/auth/refresh-tokens";
import { assertCookieOriginAllowed } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { clearRefreshCookie, readCookie, REFRESH_COOKIE, setRefreshCookie } from "@/lib/http/cookies";
import { AppError } from "@/lib/errors";
import { notAuthenticated, refreshRejected } from "@/lib/http/errors";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";
import { parseWith } from "@/lib/validation/errors";

export const wrongCredentials = () =>
  new AppError("unauthorized", "Неверный email или пароль", { detail: "No active account found with the given credentials" });

/** The refresh token from the body, else from the HttpOnly cookie (same-origin or listed origins only). */
async function presentedRefreshToken(request: Request): Promise<string | null> {
  const { refresh } = parseWith(refreshBodySchema, await readBody(request));
  if (refresh) return refresh;
  const cookie = readCookie(request, REFRESH_COOKIE);
  if (cookie) assertCookieOriginAllowed(request);
  return cookie;
}

export async function obtainTokens(request: Request): Promise<Response> {
  const input = parseWith(tokenObtainSchema, await readBody(request));
  const user = await checkCredentials({ email: input.email, password: input.password, ip: clientIp(request) });
  if (!user) throw wrongCredentials();
  const tokens = await issueTokenPair({ userId: user.id });
  return setRefreshCookie(json(200, { refresh: tokens.refresh, access: tokens.access }), tokens.refresh);
}

export async function refreshTokens(request: Request): Promise<Response> {
  const token = await presentedRefreshToken(request);
  if (!token) throw notAuthenticated();
  const outcome = await rotateRefreshToken({ token });
  if (!outcome.ok) throw refreshRejected(outcome.reason === "blacklisted" ? "Token is blacklisted" : "Token is invalid or expired");
  return setRefreshCookie(json(200, { access: outcome.tokens.access, refresh: outcome.tokens.refresh }), outcome.tokens.refresh);
}

export async function blacklistToken(request: Request): Promise<Response> {
  const token = await presentedRefreshToken(request);
  const revoked = token ? await revokeRefreshToken({ token }) : false;
  if (!revoked) {
    const detail = token ? "Token is invalid, expired or already blacklisted" : "No refresh token provided";
    return clearRefreshCookie(json(400, { detail, error: "Не получилось выйти из системы" }));
  }
  return clearRefreshCookie(json(200, { signout: "Вы вышли из системы" }));
}

export async function verifyTokenHandler(request: Request): Promise<Response> {
  const { token } = parseWith(verifyBodySchema, await readBody(request));
  const status = await checkToken({ token });
  if (status !== "valid") throw refreshRejected(status === "blacklisted" ? "Token is blacklisted" : "Token is invalid or expired");
  return json(200, {});
}
