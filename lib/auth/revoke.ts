import { and, eq, isNull } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { legacyKeys, oauthTokens } from "@/db/schema";
import { revokeAllRefreshTokens } from "./refresh-tokens";

/**
 * "Log out everywhere": revokes every refresh-token family, deletes every legacy key and revokes
 * every OAuth token of the user. Pass the caller's transaction so it commits with the change that
 * caused it (a password reset).
 */
export async function revokeEverything({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<void> {
  await revokeAllRefreshTokens({ userId, executor });
  await executor.delete(legacyKeys).where(eq(legacyKeys.userId, userId));
  await executor
    .update(oauthTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(oauthTokens.userId, userId), isNull(oauthTokens.revokedAt)));
}
