import { checkCredentials } from "@/lib/users/login";
import { accessFromRefreshToken, issueTokenPair, revokeRefreshToken } from "@/lib/auth/refresh-tokens";
import { revokeEverything } from "@/lib/auth/revoke";
import { sessionLoginSchema, sessionRefreshSchema } from "@/lib/auth/schema";
import { assertCookieOriginAllowed, requireAuth, requireUser } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { clearRefreshCookie, readCookie, REFRESH_COOKIE, setRefreshCookie } from "@/lib/http/cookies";
import { AppError } from "@/lib/errors";
import { notAuthenticated, refreshRejected } from "@/lib/http/errors";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";
import { parseWith } from "@/lib/validation/errors";
import { getProfile } from "@/lib/users/queries";
import { registerSchema } from "@/lib/users/schema";
import { gen2User, sessionUser } from "@/lib/users/serialize";
import { registerUser } from "@/lib/users/service";

// The FastAPI-style session API (API.md §7): tokens in the body as `access_token`/`refresh_token`,
// the refresh token also in the HttpOnly cookie.

const incorrectCredentials = () => new AppError("unauthorized", "Неверный email или пароль", { detail: "Incorrect username or password" });

const loginBody = (tokens: { access: string; refresh: string }) => ({
  access_token: tokens.access,
  refresh_token: tokens.refresh,
  token_type: "bearer",
});

/** The refresh token from the body, else from the HttpOnly cookie (same-origin or listed origins only). */
async function presentedRefreshToken(request: Request, options: { form: boolean }): Promise<string | null> {
  const { refresh_token: token } = parseWith(sessionRefreshSchema, await readBody(request, options));
  if (token) return token;
  const cookie = readCookie(request, REFRESH_COOKIE);
  if (cookie) assertCookieOriginAllowed(request);
  return cookie;
}

export async function sessionLogin(request: Request): Promise<Response> {
  const input = parseWith(sessionLoginSchema, await readBody(request, { form: true }));
  const user = await checkCredentials({ email: input.username, password: input.password, ip: clientIp(request) });
  if (!user) throw incorrectCredentials();
  const tokens = await issueTokenPair({ userId: user.id });
  return setRefreshCookie(json(200, loginBody(tokens)), tokens.refresh);
}

export async function sessionRefresh(request: Request): Promise<Response> {
  const token = await presentedRefreshToken(request, { form: true });
  if (!token) throw notAuthenticated();
  const outcome = await accessFromRefreshToken({ token });
  if (!outcome.ok) throw refreshRejected(outcome.reason === "blacklisted" ? "Token is blacklisted" : "Token is invalid or expired");
  return json(200, { access_token: outcome.access, token_type: "bearer" });
}

export async function sessionMe(request: Request): Promise<Response> {
  const user = await requireUser(request);
  return json(200, sessionUser((await getProfile({ userId: user.id }))!));
}

export async function sessionLogout(request: Request): Promise<Response> {
  const token = await presentedRefreshToken(request, { form: false });
  if (token) await revokeRefreshToken({ token });
  return clearRefreshCookie(json(200, { detail: "Logged out" }));
}

export async function sessionRegister(request: Request): Promise<Response> {
  const input = parseWith(registerSchema, await readBody(request));
  // The §7 answer has no place for a legacy key, so none is minted.
  const { profile, tokens } = await registerUser({ input, ip: clientIp(request), withLegacyKey: false });
  return setRefreshCookie(json(201, { ...loginBody(tokens), user: gen2User(profile) }), tokens.refresh);
}

/** "Log out everywhere": every refresh token, legacy key and OAuth token of the caller dies. */
export async function sessionRevoke(request: Request): Promise<Response> {
  const { user } = await requireAuth(request);
  await revokeEverything({ userId: user.id });
  return clearRefreshCookie(json(200, { detail: "All sessions revoked" }));
}
