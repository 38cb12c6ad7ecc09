// Small HTTP helpers shared by the API test files: requests, sign-up of a fresh user, cookies, JWT
// payloads, and the assertions every 4xx body must pass. Generic on purpose: no knowledge of any one endpoint.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when the body is empty (or not JSON, with `expectJson: false`). */
  body: any;
  /** Every Set-Cookie header of the answer, parsed. */
  cookies: ParsedCookie[];
}

export interface RequestOptions {
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** A raw body (string, bytes or stream), sent as given. */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** A JWT access token, sent as `Authorization: Bearer …`. */
  access?: string;
  /** Sent as the Cookie header, e.g. `{ refresh_token: "…" }`. */
  cookies?: Record<string, string>;
  /**
   * An API answer is JSON or empty, so anything else fails the request (an HTML error page must not
   * pass a status-only check). `false` for pages and other answers that are not JSON.
   */
  expectJson?: boolean;
  /** Aborts the request, e.g. `AbortSignal.timeout(ms)` so that a hanging server fails the test instead of stalling it. */
  signal?: AbortSignal;
}

export async function request(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  if (options.access) headers.authorization = `Bearer ${options.access}`;
  if (options.cookies) {
    headers.cookie = Object.entries(options.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  }
  const init: RequestInit & { duplex?: "half" } = { method, headers, body, redirect: "manual", signal: options.signal };
  if (body instanceof ReadableStream) init.duplex = "half";
  const response = await fetch(baseUrl + path, init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    if (options.expectJson !== false)
      throw new Error(`${method} ${path} answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
  }
  const cookies = response.headers.getSetCookie().map(parseSetCookie);
  return { status: response.status, headers: response.headers, text, body: parsed, cookies };
}

export const get = (baseUrl: string, path: string, options?: RequestOptions) => request(baseUrl, "GET", path, options);
/** `json` undefined sends no JSON body (only the raw `body` option, if any). */
export const postJson = (baseUrl: string, path: string, json: unknown, options?: RequestOptions) =>
  request(baseUrl, "POST", path, { ...options, json });
export const patchJson = (baseUrl: string, path: string, json: unknown, options?: RequestOptions) =>
  request(baseUrl, "PATCH", path, { ...options, json });

/** An email no other test has used. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(6).toString("hex")}@example.test`;
}

/** A password Django's validators accept. */
export const STRONG_PASSWORD = "Vx9#kLm2!qRt-Zp";

export interface SignedUp {
  id: number;
  email: string;
  password: string;
  access: string;
  refresh: string;
  /** The generation-1 legacy key. */
  token: string;
  user: any;
}

/** Signs a fresh user up through `path` (generation 2 by default) and returns the 201 body's parts. */
export async function signUp(baseUrl: string, fields: Record<string, unknown> = {}, path = "/users/api/register/"): Promise<SignedUp> {
  const email = (fields.email as string | undefined) ?? uniqueEmail();
  const password = (fields.password as string | undefined) ?? STRONG_PASSWORD;
  const reply = await postJson(baseUrl, path, { first_name: "Тест", last_name: "Пользователь", ...fields, email, password });
  assert.equal(reply.status, 201, `sign-up failed: ${reply.status} ${reply.text}`);
  return {
    id: reply.body.user.id,
    email,
    password,
    access: reply.body.access,
    refresh: reply.body.refresh,
    token: reply.body.token,
    user: reply.body.user,
  };
}

/** Every 4xx body is a JSON object with a non-empty `error` string; returns the body. */
export function assertErrorBody(reply: Reply, status?: number): any {
  if (status !== undefined) assert.equal(reply.status, status, `expected ${status}, got ${reply.status}: ${reply.text}`);
  assert.ok(reply.status >= 400 && reply.status < 500, `expected a 4xx, got ${reply.status}: ${reply.text}`);
  assert.ok(reply.body !== null && typeof reply.body === "object" && !Array.isArray(reply.body), `not a JSON object: ${reply.text}`);
  assert.equal(typeof reply.body.error, "string", `no error string: ${reply.text}`);
  assert.ok(reply.body.error.length > 0);
  return reply.body;
}

/** Asserts status and a body deep-equal to `expected` apart from the free-text Russian `error`. */
export function assertError(reply: Reply, status: number, expected: Record<string, unknown>): void {
  const { error: _error, ...rest } = assertErrorBody(reply, status);
  assert.deepEqual(rest, expected);
}

export const NO_CREDENTIALS = {
  detail: "Authentication credentials were not provided.",
  error: "Необходимо пройти авторизацию",
};

/** The contract's 401 for a request without credentials, with its WWW-Authenticate header. */
export function assertNoCredentials(reply: Reply): void {
  assert.equal(reply.status, 401, reply.text);
  assert.deepEqual(reply.body, NO_CREDENTIALS);
  assert.equal(reply.headers.get("www-authenticate"), 'Bearer realm="api"');
}

export interface ParsedCookie {
  name: string;
  value: string;
  /** Attribute names lower-cased; flag attributes map to `true`. */
  attributes: Record<string, string | true>;
}

/** Parses one Set-Cookie header value. */
export function parseSetCookie(header: string): ParsedCookie {
  const [pair = "", ...rest] = header.split(";");
  const separator = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const equals = trimmed.indexOf("=");
    if (equals < 0) attributes[trimmed.toLowerCase()] = true;
    else attributes[trimmed.slice(0, equals).trim().toLowerCase()] = trimmed.slice(equals + 1).trim();
  }
  return { name: pair.slice(0, separator).trim(), value: pair.slice(separator + 1).trim(), attributes };
}

/** The decoded header and payload of a JWT (no verification). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = "", payload = ""] = token.split(".");
  const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: decode(header), payload: decode(payload) };
}

/** Splits a comma-separated header value into lower-cased, trimmed items. */
export function headerList(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
}
