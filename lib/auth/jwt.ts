import "server-only";
import { randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { env } from "@/lib/env";

export type TokenType = "access" | "refresh";

export interface TokenClaims {
  token_type: TokenType;
  exp: number;
  iat: number;
  jti: string;
  user_id: number;
}

const ALGORITHM = "HS256";
// Imported once as a CryptoKey: passing raw bytes makes jose import the key on every call,
// which doubled the cost of verifying the token of every authenticated request.
let secretKey: Promise<CryptoKey> | null = null;
function signingKey(): Promise<CryptoKey> {
  secretKey ??= crypto.subtle.importKey("raw", new TextEncoder().encode(env.JWT_SECRET), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  return secretKey;
}

export function newJti(): string {
  return randomBytes(16).toString("hex");
}

/** Signs exactly these claims; the same claims always give the same token (HS256 is deterministic). */
export async function signToken(claims: TokenClaims): Promise<string> {
  const payload = { token_type: claims.token_type, exp: claims.exp, iat: claims.iat, jti: claims.jti, user_id: claims.user_id };
  return new SignJWT(payload).setProtectedHeader({ alg: ALGORITHM, typ: "JWT" }).sign(await signingKey());
}

export function accessClaims(userId: number, now = Math.floor(Date.now() / 1000)): TokenClaims {
  return { token_type: "access", exp: now + env.ACCESS_TOKEN_TTL, iat: now, jti: newJti(), user_id: userId };
}

// Access tokens that verified, by their exact text, until they expire. A client sends the same
// access token with every request for its whole lifetime, and the HMAC check (a WebCrypto job on
// the thread pool) is the costliest step of authenticating one. Only verified tokens get in, so
// nobody can fill it with junk; past the size the oldest entry goes.
const VERIFIED_CACHE_SIZE = 10_000;
const verifiedAccessTokens = new Map<string, TokenClaims>();

function rememberVerified(token: string, claims: TokenClaims): void {
  if (verifiedAccessTokens.size >= VERIFIED_CACHE_SIZE) {
    verifiedAccessTokens.delete(verifiedAccessTokens.keys().next().value!);
  }
  verifiedAccessTokens.set(token, Object.freeze(claims));
}

const isUserId = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 2_147_483_647;

async function verifySignedClaims(token: string): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(), { algorithms: [ALGORITHM] });
    const { token_type, exp, iat, jti, user_id } = payload as Partial<TokenClaims>;
    if (token_type !== "access" && token_type !== "refresh") return null;
    // A user id is a PostgreSQL integer: a token naming any other number names no one the app could have
    // issued it to, and must not reach a query (where it would be an out-of-range error, a 500).
    if (!isUserId(user_id) || typeof jti !== "string" || !/^[0-9a-f]{32}$/.test(jti)) return null;
    if (typeof exp !== "number" || typeof iat !== "number") return null;
    return { token_type, exp, iat, jti, user_id: user_id as number };
  } catch {
    return null;
  }
}

/** Verifies signature (HS256 only), expiry and shape; null for anything else. */
export async function verifyToken(token: string, expectedType?: TokenType): Promise<TokenClaims | null> {
  if (token.length > 4096) return null;
  let claims = verifiedAccessTokens.get(token) ?? null;
  if (claims && claims.exp <= Date.now() / 1000) {
    verifiedAccessTokens.delete(token);
    return null;
  }
  if (!claims) {
    claims = await verifySignedClaims(token);
    if (claims?.token_type === "access") rememberVerified(token, claims);
  }
  if (!claims || (expectedType && claims.token_type !== expectedType)) return null;
  return claims;
}

/** Cheap shape test used to tell a JWT from an opaque OAuth token in `Authorization: Bearer`. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
