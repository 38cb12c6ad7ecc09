// The contract's exact token/auth error bodies (API.md §0, §2) and helpers to forge JWTs for negative tests.
import { randomBytes } from "node:crypto";
import assert from "node:assert/strict";
import { SignJWT } from "jose";
import type { Reply } from "./requests";

export const NOT_AUTHENTICATED_RU = "Необходимо пройти авторизацию";

export const TOKEN_NOT_VALID_BODY = {
  detail: "Given token not valid for any token type",
  code: "token_not_valid",
  messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
  error: NOT_AUTHENTICATED_RU,
};

export const WRONG_CREDENTIALS_BODY = { detail: "No active account found with the given credentials", error: "Неверный email или пароль" };

export const refreshRejectedBody = (detail: "Token is blacklisted" | "Token is invalid or expired") => ({
  detail,
  code: "token_not_valid",
  error: NOT_AUTHENTICATED_RU,
});

/** A 401 with the contract's `WWW-Authenticate` header and, when given, exactly this body. */
export function assert401(response: Reply, body?: unknown): void {
  assert.equal(response.status, 401, `expected 401, got ${response.status}: ${JSON.stringify(response.body)}`);
  assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="api"');
  if (body !== undefined) assert.deepEqual(response.body, body);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface ForgeOptions {
  alg?: "HS256" | "HS384" | "HS512";
  /** Defaults to the app's JWT_SECRET (set by tests/support/env.ts). */
  secret?: string;
  tokenType?: "access" | "refresh";
  userId?: number;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  extra?: Record<string, unknown>;
}

/** A JWT with the app's claim layout, signed however the test wants. */
export function forgeJwt(options: ForgeOptions = {}): Promise<string> {
  const iat = nowSeconds() - 5;
  const payload = {
    token_type: options.tokenType ?? "access",
    exp: nowSeconds() + (options.expiresIn ?? 300),
    iat: Math.min(iat, nowSeconds() + (options.expiresIn ?? 300) - 1),
    jti: randomBytes(16).toString("hex"),
    user_id: options.userId ?? 1,
    ...options.extra,
  };
  const key = new TextEncoder().encode(options.secret ?? process.env.JWT_SECRET!);
  return new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? "HS256", typ: "JWT" }).sign(key);
}

/** An unsigned token (`alg: none`) with the app's claim layout. */
export function unsignedJwt(userId: number): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const payload = {
    token_type: "access",
    exp: nowSeconds() + 300,
    iat: nowSeconds(),
    jti: randomBytes(16).toString("hex"),
    user_id: userId,
  };
  return `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
}
