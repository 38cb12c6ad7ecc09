// Small, generic HTTP helpers for the test files: JSON requests, sign-up, cookies, JWT payloads.
import { randomBytes } from "node:crypto";

export interface JsonResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
  /** Every Set-Cookie header of the answer, parsed. */
  cookies: ParsedCookie[];
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as the Cookie header, e.g. `{ refresh_token: "…" }`. */
  cookies?: Record<string, string>;
}

/** Sends a request (a JSON body when `body` is given) and reads the answer as JSON (null when empty). */
export async function requestJson<Body = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<JsonResponse<Body>> {
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) headers["content-type"] ??= "application/json";
  if (options.cookies) {
    headers.cookie = Object.entries(options.cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  }
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
    }
  }
  return { status: response.status, headers: response.headers, body: parsed as Body, cookies: response.headers.getSetCookie().map(parseSetCookie) };
}

export const postJson = <Body = any>(baseUrl: string, path: string, body?: unknown, options?: RequestOptions) =>
  requestJson<Body>(baseUrl, "POST", path, body, options);

export const getJson = <Body = any>(baseUrl: string, path: string, options?: RequestOptions) =>
  requestJson<Body>(baseUrl, "GET", path, undefined, options);

let emailCounter = 0;

/** An email no other test (or test file) uses. */
export function uniqueEmail(prefix = "user"): string {
  emailCounter += 1;
  return `${prefix}-${process.pid}-${emailCounter}-${randomBytes(3).toString("hex")}@example.test`;
}

export const DEFAULT_PASSWORD = "Kvadrat-Luna-42";

export interface RegisteredUser {
  id: number;
  email: string;
  password: string;
  /** The 201 body: `{user, refresh, access, token}`. */
  body: { user: Record<string, any>; refresh: string; access: string; token: string };
}

/** Signs up through `POST /users/api/register/` with a unique email; fails the test unless it answers 201. */
export async function registerUser(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
  const payload = { email: uniqueEmail(), password: DEFAULT_PASSWORD, first_name: "Тест", last_name: "Тестов", ...overrides };
  const response = await postJson(baseUrl, "/users/api/register/", payload);
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { id: response.body.user.id, email: String(payload.email), password: String(payload.password), body: response.body };
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
