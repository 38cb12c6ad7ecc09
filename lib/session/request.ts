import { decode } from "next-auth/jwt";
import type { User } from "@/db/schema";
import { userOfBrowserSession } from "@/lib/auth/browser-sessions";
import { env } from "@/lib/env";

// next-auth's session cookie (`__Secure-` over https), read from a Request: the JSON API accepts the
// web pages' session for same-origin calls (API.md §0), e.g. TanStack Query in client components.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The cookie's value by name from a Cookie header, undecoded. */
function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** True when the request carries a web session cookie at all (valid or not). */
export function hasSessionCookie(request: Request): boolean {
  const header = request.headers.get("cookie") ?? "";
  return SESSION_COOKIES.some((name) => cookieValue(header, name) !== null);
}

/** The user of the request's web session cookie when it decrypts and its login session is live; else null. */
export async function userFromSessionCookie(request: Request): Promise<User | null> {
  const header = request.headers.get("cookie") ?? "";
  for (const name of SESSION_COOKIES) {
    const value = cookieValue(header, name);
    if (!value) continue;
    const token = await decode({ token: value, secret: env.AUTH_SECRET, salt: name }).catch(() => null);
    if (!token || typeof token.sessionId !== "string" || typeof token.userId !== "number") continue;
    return userOfBrowserSession({ sessionId: token.sessionId, userId: token.userId });
  }
  return null;
}
