import { decode } from "next-auth/jwt";
import type { User } from "@/db/schema";
import { userOfBrowserSession } from "@/lib/auth/browser-sessions";
import { env } from "@/lib/env";

// next-auth's session cookie (`__Secure-` over https), read directly: the pages ask on every request
// who is signed in, and the JSON API accepts the pages' session for same-origin calls (API.md §0).
// Decrypting the cookie and checking its login session is all that takes; next-auth's own auth()
// would also run its callbacks and re-encrypt a cookie a server component cannot set.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

type CookieReader = (name: string) => string | undefined;

function fromHeader(header: string): CookieReader {
  return (name) => {
    for (const part of header.split(";")) {
      const separator = part.indexOf("=");
      if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
    }
    return undefined;
  };
}

/** The login session a session cookie carries (decrypted and well-formed), or null. */
async function sessionOf(read: CookieReader): Promise<{ userId: number; sessionId: string } | null> {
  for (const name of SESSION_COOKIES) {
    const value = read(name);
    if (!value) continue;
    const token = await decode({ token: value, secret: env.AUTH_SECRET, salt: name }).catch(() => null);
    if (token && typeof token.sessionId === "string" && typeof token.userId === "number") {
      return { userId: token.userId, sessionId: token.sessionId };
    }
  }
  return null;
}

/** The user signed in by a session cookie, when it decrypts and its login session is live; else null. */
export async function userFromSessionCookies(read: CookieReader): Promise<User | null> {
  const session = await sessionOf(read);
  return session ? userOfBrowserSession(session) : null;
}

/** True when the request carries a web session cookie at all (valid or not). */
export function hasSessionCookie(request: Request): boolean {
  const read = fromHeader(request.headers.get("cookie") ?? "");
  return SESSION_COOKIES.some((name) => read(name) !== undefined);
}

/** userFromSessionCookies for a Request (the JSON API). */
export function userFromSessionCookie(request: Request): Promise<User | null> {
  return userFromSessionCookies(fromHeader(request.headers.get("cookie") ?? ""));
}
