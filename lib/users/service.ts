import { eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { users, userHobbies, type User } from "@/db/schema";
import { mintLegacyKey } from "@/lib/auth/legacy-keys";
import { hashPassword, passwordProblems } from "@/lib/auth/passwords";
import { issueTokenPair, type TokenPair } from "@/lib/auth/refresh-tokens";
import { isUniqueViolation } from "@/lib/db-errors";
import { assertHobbiesExist, replaceUserHobbies } from "@/lib/hobbies/service";
import { fieldErrors, parseWith } from "@/lib/http/validation";
import { findUserByEmail, getProfile, type Profile } from "./queries";
import { registerSchema, type RegisterInput, type UpdateProfileInput } from "./schema";

const EMAIL_TAKEN = "user with this email already exists.";

export interface Registration {
  profile: Profile;
  tokens: TokenPair;
  legacyKey: string | null;
}

/** Throws DRF's 400 when the password fails the validators. */
export function assertAcceptablePassword(password: string, email?: string | null): void {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw fieldErrors({ password: problems });
}

async function assertCanRegister(input: RegisterInput): Promise<string> {
  assertAcceptablePassword(input.password, input.email);
  if (await findUserByEmail({ email: input.email })) throw fieldErrors({ email: [EMAIL_TAKEN] });
  await assertHobbiesExist({ ids: input.hobby });
  return hashPassword(input.password);
}

async function insertAccount(tx: Transaction, input: RegisterInput, passwordHash: string, flags: { isActive: boolean; isStaff: boolean; isActivePair?: boolean }): Promise<User> {
  try {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        passwordHash,
        firstName: input.first_name,
        lastName: input.last_name,
        birth: input.birth ?? null,
        declaredAge: input.birth ? null : (input.age ?? null),
        tgLink: input.tg_link ?? null,
        ...flags,
      })
      .returning();
    if (input.hobby.length > 0) await tx.insert(userHobbies).values(input.hobby.map((hobbyId) => ({ userId: user!.id, hobbyId })));
    return user!;
  } catch (error) {
    if (isUniqueViolation(error, "users_email_lower_unique")) throw fieldErrors({ email: [EMAIL_TAKEN] });
    throw error;
  }
}

/**
 * Creates an account with its hobbies and signs it in (JWT pair, and a legacy key unless the caller
 * has no way to hand one out), all in one transaction: a bad hobby id or a duplicate email leaves
 * nothing behind.
 */
export async function registerUser({ input, withLegacyKey = true }: { input: RegisterInput; withLegacyKey?: boolean }): Promise<Registration> {
  const passwordHash = await assertCanRegister(input);
  return db.transaction(async (tx) => {
    const user = await insertAccount(tx, input, passwordHash, { isActive: true, isStaff: false });
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
  andThen,
}: {
  input: RegisterInput;
  andThen: (tx: Transaction, user: User) => Promise<T>;
}): Promise<{ user: User; result: T }> {
  const passwordHash = await assertCanRegister(input);
  return db.transaction(async (tx) => {
    const user = await insertAccount(tx, input, passwordHash, { isActive: false, isStaff: false });
    return { user, result: await andThen(tx, user) };
  });
}

/** Creates an account without signing it in (operators' `user:create`); input is validated like sign-up. */
export async function createAccount({ input, isStaff = false }: { input: Record<string, unknown>; isStaff?: boolean }): Promise<User> {
  const parsed = parseWith(registerSchema, input);
  const passwordHash = await assertCanRegister(parsed);
  // Staff accounts are operators, not participants: they join the weekly rounds only if they opt in.
  return db.transaction((tx) => insertAccount(tx, parsed, passwordHash, { isActive: true, isStaff, isActivePair: !isStaff }));
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
