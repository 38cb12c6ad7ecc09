import "server-only";
import NextAuth from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { User } from "@/db/schema";
import { cookies } from "next/headers";
import { authConfig } from "./config";
import { userFromSessionCookies } from "./request";

export { SignInRefused, configuredOAuthProviders } from "./config";

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);

/**
 * The signed-in student of this request, or null: the session cookie's login session must still be
 * live (not signed out, not revoked by "log out everywhere" or a password reset) and the account
 * active. Read once per request however many components ask.
 */
export const currentUser = cache(async (): Promise<User | null> => {
  const cookieStore = await cookies();
  return userFromSessionCookies((name) => cookieStore.get(name)?.value);
});

/** Where a page that needs a session sends a visitor without one, and back afterwards. */
export function loginPath(nextPath: string): string {
  return `/login?${new URLSearchParams({ next: nextPath })}`;
}

/** The signed-in student, or a redirect to `/login?next=<nextPath>`. */
export async function requireSignedInUser(nextPath: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(loginPath(nextPath));
  return user;
}

/** A `next` path from a query string, kept only when it is a path on this site (no open redirects). */
export function safeNextPath(next: unknown, fallback = "/matches"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}
