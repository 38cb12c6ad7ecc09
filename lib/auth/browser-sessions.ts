import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { refreshTokenFamilies, users, type User } from "@/db/schema";

// A signed-in browser is a login session like any API login: a refresh-token family, only without
// refresh tokens. So "log out everywhere", a password reset and account deactivation end it exactly
// as they end API sessions, and the session cookie is worth nothing once its family is revoked.

/** Opens a login session for the user; returns its id, which the browser's session cookie carries. */
export async function openBrowserSession({ userId }: { userId: number }): Promise<string> {
  const [family] = await db.insert(refreshTokenFamilies).values({ userId }).returning({ id: refreshTokenFamilies.id });
  return family!.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The active user of a live (unrevoked) session, or null. */
export async function userOfBrowserSession({ sessionId, userId }: { sessionId: string; userId: number }): Promise<User | null> {
  // users.id is a PostgreSQL integer: a larger number would fail the query instead of matching no one.
  if (!UUID.test(sessionId) || !Number.isInteger(userId) || userId < 1 || userId > 2_147_483_647) return null;
  const [row] = await db
    .select({ user: users })
    .from(refreshTokenFamilies)
    .innerJoin(users, eq(users.id, refreshTokenFamilies.userId))
    .where(
      and(
        eq(refreshTokenFamilies.id, sessionId),
        eq(refreshTokenFamilies.userId, userId),
        isNull(refreshTokenFamilies.revokedAt),
        eq(users.isActive, true),
      ),
    );
  return row?.user ?? null;
}

/** Ends one browser session (sign-out). */
export async function closeBrowserSession({ sessionId }: { sessionId: string }): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db
    .update(refreshTokenFamilies)
    .set({ revokedAt: new Date(), revokeReason: "logout" })
    .where(and(eq(refreshTokenFamilies.id, sessionId), isNull(refreshTokenFamilies.revokedAt)));
}
