import type { OAuthApplication } from "@/db/schema";
import { authenticateOAuthClient } from "@/lib/auth/oauth/clients";
import { invalidClient, oauthError } from "@/lib/auth/oauth/errors";
import {
  fetchProviderProfile,
  ProviderRejected,
  ProviderUnavailable,
  type Backend,
  type ProviderProfile,
} from "@/lib/auth/oauth/providers";
import {
  convertTokenSchema,
  grantTypeSchema,
  parseOAuth,
  passwordGrantSchema,
  refreshGrantSchema,
  revokeTokenSchema,
} from "@/lib/auth/oauth/schema";
import { issueOAuthTokens, revokeOAuthToken, rotateOAuthRefreshToken, type OAuthTokenResponse } from "@/lib/auth/oauth/tokens";
import { checkCredentials } from "./login";
import { withSocialUser } from "./social-sign-in";

// drf-social-oauth2's token endpoint: /auth/convert-token/ and /auth/token/ share it, as they share
// one oauthlib server there. Requests are validated before the client is authenticated, so a
// malformed request never counts against the rate limits.

async function requireClient(input: { client_id: string; client_secret: string }, ip: string): Promise<OAuthApplication> {
  const application = await authenticateOAuthClient({ clientId: input.client_id, clientSecret: input.client_secret, ip });
  if (!application) throw invalidClient();
  return application;
}

async function profileFor(backend: Backend, token: string): Promise<ProviderProfile> {
  try {
    return await fetchProviderProfile({ backend, token });
  } catch (error) {
    if (error instanceof ProviderRejected) throw oauthError("invalid_grant", "Провайдер входа не принял токен");
    if (error instanceof ProviderUnavailable) throw oauthError("temporarily_unavailable", "Провайдер входа недоступен, попробуйте позже");
    throw error;
  }
}

async function convertToken(data: unknown, ip: string): Promise<OAuthTokenResponse> {
  const input = parseOAuth(convertTokenSchema, data);
  const application = await requireClient(input, ip);
  const profile = await profileFor(input.backend, input.token);
  return withSocialUser({
    backend: input.backend,
    profile,
    then: (tx, user) => {
      if (!user.isActive) throw oauthError("invalid_grant", "Учётная запись отключена");
      return issueOAuthTokens({ applicationId: application.id, userId: user.id, executor: tx });
    },
  });
}

async function refreshGrant(data: unknown, ip: string): Promise<OAuthTokenResponse> {
  const input = parseOAuth(refreshGrantSchema, data);
  const application = await requireClient(input, ip);
  const tokens = await rotateOAuthRefreshToken({ applicationId: application.id, refreshToken: input.refresh_token });
  if (!tokens) throw oauthError("invalid_grant", "Refresh-токен недействителен или отозван");
  return tokens;
}

async function passwordGrant(data: unknown, ip: string): Promise<OAuthTokenResponse> {
  const input = parseOAuth(passwordGrantSchema, data);
  const application = await requireClient(input, ip);
  const user = await checkCredentials({ email: input.username, password: input.password, ip });
  if (!user) throw oauthError("invalid_grant", "Неверный email или пароль");
  return issueOAuthTokens({ applicationId: application.id, userId: user.id });
}

/** Answers a token request (`convert_token`, `refresh_token` or `password` grant) with a new token pair, or throws the RFC 6749 error. */
export async function grantTokens({ data, ip }: { data: unknown; ip: string }): Promise<OAuthTokenResponse> {
  const { grant_type: grantType } = parseOAuth(grantTypeSchema, data);
  if (grantType === "convert_token") return convertToken(data, ip);
  if (grantType === "refresh_token") return refreshGrant(data, ip);
  if (grantType === "password") return passwordGrant(data, ip);
  throw oauthError("unsupported_grant_type", "Неподдерживаемый тип запроса токена (grant_type)");
}

/** RFC 7009 revocation by an authenticated client; an unknown or foreign token is silently ignored. */
export async function revokeTokenForClient({ data, ip }: { data: unknown; ip: string }): Promise<void> {
  const input = parseOAuth(revokeTokenSchema, data);
  const application = await requireClient(input, ip);
  await revokeOAuthToken({ applicationId: application.id, token: input.token });
}
