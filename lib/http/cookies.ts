import { env } from "@/lib/env";

export const REFRESH_COOKIE = "refresh_token";
export const ACCESS_COOKIE = "access_token";

function serialize(name: string, value: string, maxAgeSeconds: number): string {
  const parts = [`${name}=${value}`, "Path=/", `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax"];
  if (maxAgeSeconds === 0) parts.push("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  if (env.COOKIE_SECURE) parts.push("Secure");
  return parts.join("; ");
}

export function setRefreshCookie(response: Response, refreshToken: string): Response {
  response.headers.append("Set-Cookie", serialize(REFRESH_COOKIE, refreshToken, env.REFRESH_TOKEN_TTL));
  return response;
}

export function clearRefreshCookie(response: Response): Response {
  response.headers.append("Set-Cookie", serialize(REFRESH_COOKIE, "", 0));
  return response;
}

/** Reads one cookie from the request's Cookie header. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator <= 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}
