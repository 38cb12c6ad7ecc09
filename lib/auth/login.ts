import type { User } from "@/db/schema";
import { findUserByEmail } from "@/lib/users/queries";
import { verifyPassword } from "./passwords";
import { assertNotThrottled, clearFailures, credentialLimits, recordFailure } from "./rate-limit";

/**
 * The one password check every login endpoint uses: throttled per account and per IP before any
 * hashing, the same work for unknown emails, failures counted, a success clearing the account's count.
 * Returns the active user, or null for wrong credentials.
 */
export async function checkCredentials({ email, password, ip }: { email: string; password: string; ip: string }): Promise<User | null> {
  const limits = credentialLimits({ account: email, ip });
  await assertNotThrottled(limits);
  const user = await findUserByEmail({ email });
  const passwordMatches = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordMatches || !user.isActive) {
    await recordFailure(limits);
    return null;
  }
  await clearFailures(limits);
  return user;
}
