import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { refreshTokenFamilies, refreshTokens, users } from "@/db/schema";
import { env } from "@/lib/env";
import { accessClaims, newJti, signToken, verifyToken, type TokenClaims } from "./jwt";

export interface TokenPair {
  access: string;
  refresh: string;
}

export type RefreshOutcome = { ok: true; userId: number; tokens: TokenPair } | { ok: false; reason: "blacklisted" | "invalid" };

const nowSeconds = () => Math.floor(Date.now() / 1000);

function newRefreshClaims(userId: number): TokenClaims {
  const iat = nowSeconds();
  return { token_type: "refresh", iat, exp: iat + env.REFRESH_TOKEN_TTL, jti: newJti(), user_id: userId };
}

function refreshTokenRow(claims: TokenClaims, familyId: string | SQL) {
  return {
    jti: claims.jti,
    familyId,
    userId: claims.user_id,
    issuedAt: new Date(claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
  };
}

async function recordRefreshToken(executor: Executor, userId: number, familyId: string): Promise<TokenClaims> {
  const claims = newRefreshClaims(userId);
  await executor.insert(refreshTokens).values(refreshTokenRow(claims, familyId));
  return claims;
}

async function pairFor(refresh: TokenClaims): Promise<TokenPair> {
  const [access, refreshToken] = await Promise.all([signToken(accessClaims(refresh.user_id)), signToken(refresh)]);
  return { access, refresh: refreshToken };
}

/** Starts a new login session (a refresh-token family) and returns its first access/refresh pair. */
export async function issueTokenPair({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<TokenPair> {
  const claims = newRefreshClaims(userId);
  // The family and its first token in one statement: every login runs it.
  const family = executor
    .$with("family")
    .as(executor.insert(refreshTokenFamilies).values({ userId }).returning({ id: refreshTokenFamilies.id }));
  await executor
    .with(family)
    .insert(refreshTokens)
    .values(refreshTokenRow(claims, sql`(select id from ${family})`));
  return pairFor(claims);
}

/**
 * Rotates a refresh token: the presented one is retired and a successor issued in its family.
 * Presenting the token rotated last again within REFRESH_REUSE_GRACE returns that same successor
 * (parallel refreshes all succeed); any other reuse revokes the whole family.
 */
export async function rotateRefreshToken({ token }: { token: string }): Promise<RefreshOutcome> {
  const claims = await verifyToken(token, "refresh");
  if (!claims) return { ok: false, reason: "invalid" };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ token: refreshTokens, familyRevokedAt: refreshTokenFamilies.revokedAt, userActive: users.isActive })
      .from(refreshTokens)
      .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
      .innerJoin(users, eq(users.id, refreshTokens.userId))
      .where(eq(refreshTokens.jti, claims.jti))
      .for("update", { of: refreshTokens });
    if (!current || current.token.userId !== claims.user_id || !current.userActive) return { ok: false, reason: "invalid" };
    if (current.familyRevokedAt) return { ok: false, reason: "blacklisted" };
    const { token: record } = current;

    if (!record.rotatedAt) {
      const successor = await recordRefreshToken(tx, record.userId, record.familyId);
      await tx.update(refreshTokens).set({ rotatedAt: new Date(), successorJti: successor.jti }).where(eq(refreshTokens.jti, record.jti));
      return { ok: true, userId: record.userId, tokens: await pairFor(successor) };
    }

    const [successor] = await tx.select().from(refreshTokens).where(eq(refreshTokens.jti, record.successorJti!));
    const withinGrace = Date.now() - record.rotatedAt.getTime() <= env.REFRESH_REUSE_GRACE * 1000;
    if (successor && !successor.rotatedAt && withinGrace) {
      const successorClaims: TokenClaims = {
        token_type: "refresh",
        iat: successor.issuedAt.getTime() / 1000,
        exp: successor.expiresAt.getTime() / 1000,
        jti: successor.jti,
        user_id: successor.userId,
      };
      return { ok: true, userId: record.userId, tokens: await pairFor(successorClaims) };
    }

    await revokeFamily(tx, record.familyId, "reuse");
    return { ok: false, reason: "blacklisted" };
  });
}

async function revokeFamily(executor: Executor, familyId: string, reason: string): Promise<void> {
  await executor
    .update(refreshTokenFamilies)
    .set({ revokedAt: new Date(), revokeReason: reason })
    .where(and(eq(refreshTokenFamilies.id, familyId), isNull(refreshTokenFamilies.revokedAt)));
}

/** Logs a session out (blacklist): revokes the token's family. False when the token was not live. */
export async function revokeRefreshToken({ token }: { token: string }): Promise<boolean> {
  const claims = await verifyToken(token, "refresh");
  if (!claims) return false;
  const [record] = await db
    .select({ familyId: refreshTokens.familyId, revokedAt: refreshTokenFamilies.revokedAt })
    .from(refreshTokens)
    .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
    .where(eq(refreshTokens.jti, claims.jti));
  if (!record || record.revokedAt) return false;
  await revokeFamily(db, record.familyId, "logout");
  return true;
}

/** Revokes every refresh-token family of a user ("log out everywhere", password reset). */
export async function revokeAllRefreshTokens({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<void> {
  await executor
    .update(refreshTokenFamilies)
    .set({ revokedAt: new Date(), revokeReason: "revoked" })
    .where(and(eq(refreshTokenFamilies.userId, userId), isNull(refreshTokenFamilies.revokedAt)));
}

/** simplejwt's verify: a valid signature and expiry, and for refresh tokens, not revoked or rotated. */
export async function checkToken({ token }: { token: string }): Promise<"valid" | "invalid" | "blacklisted"> {
  const claims = await verifyToken(token);
  if (!claims) return "invalid";
  if (claims.token_type === "access") return "valid";
  const [record] = await db
    .select({ rotatedAt: refreshTokens.rotatedAt, revokedAt: refreshTokenFamilies.revokedAt })
    .from(refreshTokens)
    .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
    .where(eq(refreshTokens.jti, claims.jti));
  if (!record) return "invalid";
  return record.revokedAt || record.rotatedAt ? "blacklisted" : "valid";
}

/**
 * The session API's refresh, which does not rotate: a new access JWT for a live refresh token (its
 * family not revoked, the token not rotated away, its user active).
 */
export async function accessFromRefreshToken({
  token,
}: {
  token: string;
}): Promise<{ ok: true; access: string } | { ok: false; reason: "blacklisted" | "invalid" }> {
  const claims = await verifyToken(token, "refresh");
  if (!claims) return { ok: false, reason: "invalid" };
  const [record] = await db
    .select({
      userId: refreshTokens.userId,
      rotatedAt: refreshTokens.rotatedAt,
      revokedAt: refreshTokenFamilies.revokedAt,
      userActive: users.isActive,
    })
    .from(refreshTokens)
    .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
    .innerJoin(users, eq(users.id, refreshTokens.userId))
    .where(eq(refreshTokens.jti, claims.jti));
  if (!record || record.userId !== claims.user_id || !record.userActive) return { ok: false, reason: "invalid" };
  if (record.revokedAt || record.rotatedAt) return { ok: false, reason: "blacklisted" };
  return { ok: true, access: await signToken(accessClaims(claims.user_id)) };
}
