import { db, type Executor } from "@/db/client";
import { deleteAllLegacyKeys } from "./legacy-keys";
import { revokeAllOAuthTokens } from "./oauth/tokens";
import { revokeAllRefreshTokens } from "./refresh-tokens";

/**
 * "Log out everywhere": revokes every refresh-token family, deletes every legacy key and revokes every
 * OAuth token pair of the user, all or nothing. Given an executor (a caller's transaction, e.g. a
 * password change), it runs there; otherwise in its own transaction. Access JWTs already issued stay
 * valid until they expire (ACCESS_TOKEN_TTL): they are not recorded server-side.
 */
export async function revokeEverything({ userId, executor }: { userId: number; executor?: Executor }): Promise<void> {
  const revoke = async (tx: Executor) => {
    await revokeAllRefreshTokens({ userId, executor: tx });
    await deleteAllLegacyKeys({ userId, executor: tx });
    await revokeAllOAuthTokens({ userId, executor: tx });
  };
  if (executor) await revoke(executor);
  else await db.transaction(revoke);
}
