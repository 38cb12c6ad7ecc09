import { and, eq } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { socialIdentities, users, type User } from "@/db/schema";
import type { Backend, ProviderProfile } from "@/lib/auth/oauth/providers";
import { createAccount } from "./accounts";
import { findUserByEmail } from "./queries";

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

/** A concurrent sign-in created the account for this email between our look-up and our insert. */
export class ConcurrentSignIn extends Error {
  constructor() {
    super("a concurrent sign-in created this account");
  }
}

/**
 * The account a provider identity signs in to, run inside the caller's transaction: the one already
 * linked to (backend, uid); else the account with the email the provider vouches for, now linked;
 * else a new password-less account, linked. Unverified emails are never used to link, nor stored.
 * Concurrent first sign-ins of one identity end in a unique violation or ConcurrentSignIn; the caller
 * retries in a new transaction, which then finds the other's rows.
 */
export async function findOrCreateSocialUser({
  backend,
  profile,
  executor,
}: {
  backend: Backend;
  profile: ProviderProfile;
  executor: Executor;
}): Promise<User> {
  const [linked] = await executor
    .select({ user: users })
    .from(socialIdentities)
    .innerJoin(users, eq(users.id, socialIdentities.userId))
    .where(and(eq(socialIdentities.provider, backend), eq(socialIdentities.uid, profile.uid)))
    .limit(1);
  if (linked) return linked.user;

  const identity = { provider: backend, uid: profile.uid };
  const email = usableEmail(profile.verifiedEmail);
  const existing = email ? await findUserByEmail({ email, executor }) : null;
  if (existing) {
    await executor.insert(socialIdentities).values({ userId: existing.id, ...identity });
    return existing;
  }
  const account = {
    email,
    passwordHash: null,
    firstName: storable(profile.firstName, NAME_MAX),
    lastName: storable(profile.lastName, NAME_MAX),
    identity,
  };
  const created = await createAccount({ account, executor });
  if (!created) throw new ConcurrentSignIn();
  return created;
}

/**
 * Runs `then` in one transaction with the account a provider identity signs in to (found, linked or
 * created as findOrCreateSocialUser says). A concurrent first sign-in of the same identity is retried
 * once, when its rows exist.
 */
export async function withSocialUser<T>({
  backend,
  profile,
  then,
}: {
  backend: Backend;
  profile: ProviderProfile;
  then: (tx: Transaction, user: User) => Promise<T>;
}): Promise<T> {
  const attempt = () => db.transaction(async (tx) => then(tx, await findOrCreateSocialUser({ backend, profile, executor: tx })));
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof ConcurrentSignIn || isUniqueViolation(error, "social_identities_provider_uid")) return attempt();
    throw error;
  }
}
