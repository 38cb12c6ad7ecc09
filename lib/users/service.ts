import { eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { users, type User } from "@/db/schema";
import { mintLegacyKey } from "@/lib/auth/legacy-keys";
import { reserveSignUp } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import { issueTokenPair, type TokenPair } from "@/lib/auth/refresh-tokens";
import { replaceUserHobbies } from "@/lib/hobbies/service";
import { fieldErrors, parseWith } from "@/lib/validation/errors";
import { createAccount, EMAIL_TAKEN, hashNewPassword, type NewAccount } from "./accounts";
import { findUserByEmail, getProfile, type Profile } from "./queries";
import { registerSchema, type RegisterInput, type UpdateProfileInput } from "./schema";

export interface Registration {
  profile: Profile;
  tokens: TokenPair;
  legacyKey: string | null;
}

/**
 * The account a sign-up payload describes, its password checked and hashed; DRF's 400 for a taken
 * email. A sign-up from a client (`ip`) first counts against that IP's hourly limit (the 429 past it).
 */
async function accountFromSignUp(input: RegisterInput, ip: string | null): Promise<NewAccount> {
  if (ip !== null && env.SIGNUP_LIMIT_PER_IP > 0) await reserveSignUp({ ip, limit: env.SIGNUP_LIMIT_PER_IP });
  if (await findUserByEmail({ email: input.email })) throw fieldErrors({ email: [EMAIL_TAKEN] });
  return {
    email: input.email,
    passwordHash: await hashNewPassword({ password: input.password, email: input.email }),
    firstName: input.first_name,
    lastName: input.last_name,
    birth: input.birth ?? null,
    declaredAge: input.birth ? null : (input.age ?? null),
    tgLink: input.tg_link ?? null,
    hobbyIds: input.hobby,
  };
}

/** createAccount, where an existing account with the email (e.g. a concurrent sign-up) is DRF's 400. */
async function createWithEmail(tx: Transaction, account: NewAccount): Promise<User> {
  const user = await createAccount({ account, executor: tx });
  if (!user) throw fieldErrors({ email: [EMAIL_TAKEN] });
  return user;
}

/**
 * Creates an account with its hobbies and signs it in (JWT pair, and a legacy key unless the caller
 * has no way to hand one out), all in one transaction: a bad hobby id or a duplicate email leaves
 * nothing behind.
 */
export async function registerUser({
  input,
  ip,
  withLegacyKey = true,
}: {
  input: RegisterInput;
  /** The client's IP, counted against the sign-up limit. */
  ip: string;
  withLegacyKey?: boolean;
}): Promise<Registration> {
  const account = await accountFromSignUp(input, ip);
  return db.transaction(async (tx) => {
    const user = await createWithEmail(tx, account);
    const tokens = await issueTokenPair({ userId: user.id, executor: tx });
    const legacyKey = withLegacyKey ? await mintLegacyKey({ userId: user.id, executor: tx }) : null;
    const profile = await getProfile({ userId: user.id, executor: tx });
    return { profile: profile!, tokens, legacyKey };
  });
}

/**
 * Creates an inactive account (djoser sign-up, activated by a mailed link) and runs `andThen` in the
 * same transaction, so the activation mail exists exactly when the account does.
 */
export async function createInactiveAccount<T>({
  input,
  ip,
  andThen,
}: {
  input: RegisterInput;
  ip: string;
  andThen: (tx: Transaction, user: User) => Promise<T>;
}): Promise<{ user: User; result: T }> {
  const account = await accountFromSignUp(input, ip);
  return db.transaction(async (tx) => {
    const user = await createWithEmail(tx, { ...account, isActive: false });
    return { user, result: await andThen(tx, user) };
  });
}

/**
 * Creates an account without signing it in: the sign-up page (which then signs in with next-auth,
 * `ip` its client's) and operators (no `ip`: not limited).
 */
export async function createAccountFromSignUp({
  input,
  ip = null,
  isStaff = false,
}: {
  input: RegisterInput;
  ip?: string | null;
  isStaff?: boolean;
}): Promise<User> {
  const account = await accountFromSignUp(input, ip);
  return db.transaction((tx) => createWithEmail(tx, { ...account, isStaff }));
}

/** Creates an account for the operators' `user:create`; input is validated like sign-up. */
export async function createOperatorAccount({
  input,
  isStaff = false,
}: {
  input: Record<string, unknown>;
  isStaff?: boolean;
}): Promise<User> {
  return createAccountFromSignUp({ input: parseWith(registerSchema, input), isStaff });
}

/** Applies a partial profile update (hobbies replaced as a set) in one transaction; returns the new profile. */
export async function updateProfile({ userId, input }: { userId: number; input: UpdateProfileInput }): Promise<Profile> {
  return db.transaction(async (tx) => {
    const changes: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
    if (input.first_name !== undefined) changes.firstName = input.first_name;
    if (input.last_name !== undefined) changes.lastName = input.last_name;
    if (input.birth !== undefined) changes.birth = input.birth;
    if (input.tg_link !== undefined) changes.tgLink = input.tg_link;
    if (input.is_active_pair !== undefined) changes.isActivePair = input.is_active_pair;
    await tx.update(users).set(changes).where(eq(users.id, userId));
    if (input.hobby !== undefined) await replaceUserHobbies({ userId, hobbyIds: input.hobby, executor: tx });
    return (await getProfile({ userId, executor: tx }))!;
  });
}
