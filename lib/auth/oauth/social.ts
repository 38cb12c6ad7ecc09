import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { socialIdentities, users, type User } from "@/db/schema";
import { findUserByEmail } from "@/lib/users/queries";
import type { Backend, ProviderProfile } from "./providers";

const NAME_MAX = 150;
const EMAIL_MAX = 254;
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Provider-supplied text made storable: no NUL bytes or lone surrogates, cut to the column's length. */
function storable(value: string, max: number): string {
  return [...value.replace(new RegExp(UNSTORABLE.source, "g"), "").trim()].slice(0, max).join("");
}

/** The provider's verified email when the users table can hold it, else null. */
function usableEmail(email: string | null): string | null {
  if (!email) return null;
  const trimmed = email.trim();
  if (trimmed.length > EMAIL_MAX || UNSTORABLE.test(trimmed) || !/^[^\s@]+@[^\s@]+$/.test(trimmed)) return null;
  const at = trimmed.lastIndexOf("@");
  return trimmed.slice(0, at) + trimmed.slice(at).toLowerCase();
}

/**
 * The account a provider identity signs in to, run inside the caller's transaction: the one already
 * linked to (backend, uid); else the account with the email the provider vouches for, now linked;
 * else a new password-less account, linked. Unverified emails are never used to link, nor stored.
 * Concurrent first sign-ins of one identity end in a unique violation; the caller retries.
 */
export async function findOrCreateSocialUser({ backend, profile, executor }: { backend: Backend; profile: ProviderProfile; executor: Executor }): Promise<User> {
  const [linked] = await executor
    .select({ user: users })
    .from(socialIdentities)
    .innerJoin(users, eq(users.id, socialIdentities.userId))
    .where(and(eq(socialIdentities.provider, backend), eq(socialIdentities.uid, profile.uid)))
    .limit(1);
  if (linked) return linked.user;

  const email = usableEmail(profile.verifiedEmail);
  let user = email ? await findUserByEmail({ email, executor }) : null;
  if (!user) {
    const [created] = await executor
      .insert(users)
      .values({ email, passwordHash: null, firstName: storable(profile.firstName, NAME_MAX), lastName: storable(profile.lastName, NAME_MAX) })
      .returning();
    user = created!;
  }
  await executor.insert(socialIdentities).values({ userId: user.id, provider: backend, uid: profile.uid });
  return user;
}
