import { randomInt } from "node:crypto";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { oauthTokens, users } from "@/db/schema";
import { digest } from "../tokens-at-rest";

/** django-oauth-toolkit's defaults, which drf-social-oauth2 clients expect. */
export const OAUTH_ACCESS_TTL_SECONDS = 36_000;
const SCOPE = "read write";
const TOKEN_LENGTH = 30;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// Anything a client could send back as a token; header-unsafe or oversized input is never looked up.
const TOKEN_SHAPE = /^[\x21-\x7e]{1,255}$/;

export interface OAuthTokenResponse {
  access_token: string;
  expires_in: number;
  token_type: "Bearer";
  scope: string;
  refresh_token: string;
}

/** 30 random URL-safe characters, as oauthlib's generate_token makes them. */
export function opaqueToken(): string {
  let token = "";
  for (let index = 0; index < TOKEN_LENGTH; index++) token += ALPHABET[randomInt(ALPHABET.length)];
  return token;
}

/** Issues a new access/refresh pair for the user through the application; only their hashes are stored. */
export async function issueOAuthTokens({
  applicationId,
  userId,
  executor = db,
}: {
  applicationId: number;
  userId: number;
  executor?: Executor;
}): Promise<OAuthTokenResponse> {
  const accessToken = opaqueToken();
  const refreshToken = opaqueToken();
  await executor.insert(oauthTokens).values({
    applicationId,
    userId,
    accessHash: digest(accessToken),
    refreshHash: digest(refreshToken),
    accessExpiresAt: new Date(Date.now() + OAUTH_ACCESS_TTL_SECONDS * 1000),
  });
  return {
    access_token: accessToken,
    expires_in: OAUTH_ACCESS_TTL_SECONDS,
    token_type: "Bearer",
    scope: SCOPE,
    refresh_token: refreshToken,
  };
}

/**
 * The refresh grant: the live pair holding this refresh token (issued to this application, for an
 * active user) is revoked and a new pair issued, in one transaction. Null when there is no such pair,
 * so a refresh token works once.
 */
export async function rotateOAuthRefreshToken({
  applicationId,
  refreshToken,
}: {
  applicationId: number;
  refreshToken: string;
}): Promise<OAuthTokenResponse | null> {
  if (!TOKEN_SHAPE.test(refreshToken)) return null;
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: oauthTokens.id, userId: oauthTokens.userId })
      .from(oauthTokens)
      .innerJoin(users, eq(users.id, oauthTokens.userId))
      .where(
        and(
          eq(oauthTokens.refreshHash, digest(refreshToken)),
          eq(oauthTokens.applicationId, applicationId),
          isNull(oauthTokens.revokedAt),
          eq(users.isActive, true),
        ),
      )
      .for("update", { of: oauthTokens });
    if (!current) return null;
    // Guarded on revoked_at too: of two parallel refreshes with the same token, only one gets a pair.
    const revoked = await tx
      .update(oauthTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(oauthTokens.id, current.id), isNull(oauthTokens.revokedAt)))
      .returning({ id: oauthTokens.id });
    if (revoked.length === 0) return null;
    return issueOAuthTokens({ applicationId, userId: current.userId, executor: tx });
  });
}

/** RFC 7009 revocation: the pair holding this access or refresh token of the application is revoked; unknown tokens are ignored. */
export async function revokeOAuthToken({ applicationId, token }: { applicationId: number; token: string }): Promise<void> {
  if (!TOKEN_SHAPE.test(token)) return;
  const hash = digest(token);
  await db
    .update(oauthTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(oauthTokens.applicationId, applicationId),
        or(eq(oauthTokens.accessHash, hash), eq(oauthTokens.refreshHash, hash)),
        isNull(oauthTokens.revokedAt),
      ),
    );
}

/** The user an opaque access token was issued to while it is unexpired and unrevoked, or null. */
export async function userIdForOAuthAccessToken(token: string): Promise<number | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ userId: oauthTokens.userId })
    .from(oauthTokens)
    .where(and(eq(oauthTokens.accessHash, digest(token)), isNull(oauthTokens.revokedAt), gt(oauthTokens.accessExpiresAt, new Date())))
    .limit(1);
  return row?.userId ?? null;
}

/** Revokes every OAuth token pair of a user ("log out everywhere", password reset). */
export async function revokeAllOAuthTokens({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<void> {
  await executor
    .update(oauthTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(oauthTokens.userId, userId), isNull(oauthTokens.revokedAt)));
}
