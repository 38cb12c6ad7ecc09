import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/passwords";
import { credentialLimits, releaseAttempt, reserveAttempt } from "@/lib/auth/rate-limit";
import { findUserByEmail } from "./queries";

/**
 * The one password check every login endpoint uses: throttled per account and per IP before any
 * hashing (each attempt reserved atomically first), the same work for unknown emails, failures counted,
 * a success clearing the account's count and not charging the IP.
 * Returns the active user, or null for wrong credentials.
 */
export async function checkCredentials({ email, password, ip }: { email: string; password: string; ip: string }): Promise<User | null> {
  const limits = credentialLimits({ account: email, ip });
  // Counted (or refused with a 429) before the hash is checked, so parallel attempts cannot outrun the limit.
  await reserveAttempt(limits);
  const user = await findUserByEmail({ email });
  const passwordMatches = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordMatches || !user.isActive) return null;
  await releaseAttempt(limits);
  return needsRehash(user.passwordHash) ? upgradeHash(user, password) : user;
}

/**
 * Replaces a legacy (Django pbkdf2_sha256) hash with argon2id once the password is known to be right.
 * Compare-and-set on the old hash, so a password changed meanwhile is never overwritten.
 */
async function upgradeHash(user: User, password: string): Promise<User> {
  const passwordHash = await hashPassword(password);
  const [upgraded] = await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash!)))
    .returning();
  return upgraded ?? user;
}
