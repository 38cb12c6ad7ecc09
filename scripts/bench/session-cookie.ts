// A signed-in browser's session cookie for a bench account, made as signing in makes it: a login
// session row from openBrowserSession and next-auth's encrypted JWT around it, under the server's
// AUTH_SECRET. The pages accept it like one from the login form.
import { encode } from "next-auth/jwt";
import type { BenchApp } from "./app";

// next-auth's cookie name on plain http (on https it is prefixed with __Secure-); the name is also
// the salt of the encryption key.
const SESSION_COOKIE = "authjs.session-token";

/**
 * Opens a login session in the bench app's database with the app's own function. Once per process:
 * it closes the app's database connection afterwards, which lets the bench exit.
 */
async function openSession(app: BenchApp, userId: number): Promise<string> {
  // lib/env reads process.env once, on the first import of an app module: point it at the bench
  // app's database before importing.
  Object.assign(process.env, { DATABASE_URL: app.env.DATABASE_URL, AUTH_SECRET: app.env.AUTH_SECRET, JWT_SECRET: app.env.JWT_SECRET });
  const { openBrowserSession } = await import("@/lib/auth/browser-sessions");
  const { closeDatabase } = await import("@/db/client");
  try {
    return await openBrowserSession({ userId });
  } finally {
    await closeDatabase();
  }
}

/** A `Cookie` header value that signs `userId` in to the bench app's pages. */
export async function sessionCookie(app: BenchApp, userId: number): Promise<string> {
  const sessionId = await openSession(app, userId);
  const token = await encode({ token: { userId, sessionId }, secret: app.env.AUTH_SECRET!, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}
