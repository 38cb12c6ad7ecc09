import type { Executor } from "@/db/client";
import { socialIdentities, userHobbies, users, type User } from "@/db/schema";
import { hashPassword, passwordProblems } from "@/lib/auth/passwords";
import { assertHobbiesExist } from "@/lib/hobbies/service";
import { fieldErrors } from "@/lib/validation/errors";

// Every account comes to exist through createAccount: the sign-up routes, the djoser flow, OAuth and
// Telegram sign-in, the operators' command and the Django import. Whatever differs between them (how
// the person proves who they are, what they told us) is data, not another INSERT.

export const EMAIL_TAKEN = "user with this email already exists.";

export interface NewAccount {
  /** Null for an account created by Telegram or a provider that vouched for no email. */
  email: string | null;
  /** An argon2id hash (see `hashNewPassword`), a Django hash kept by the import, or null: no password sign-in. */
  passwordHash: string | null;
  firstName?: string;
  lastName?: string;
  birth?: string | null;
  /** The age given at sign-up when no birth date is known. */
  declaredAge?: number | null;
  tgLink?: string | null;
  /** The Telegram chat the account is linked to (Telegram sign-in, import). */
  chatId?: string | null;
  image?: string | null;
  hobbyIds?: number[];
  /** A provider identity (OAuth sign-in) linked to the new account. */
  identity?: { provider: string; uid: string };
  isActive?: boolean;
  isStaff?: boolean;
  /** Defaults to true, except for staff: operators join the weekly rounds only if they opt in. */
  isActivePair?: boolean;
  /** Imported accounts keep their old id, last login and sign-up date. */
  id?: number;
  lastLogin?: Date | null;
  createdAt?: Date;
}

/**
 * Checks a new password against Django's validators (DRF's 400 on `field` otherwise) and hashes it.
 * Call before opening the transaction that creates or changes the account: hashing is slow.
 */
export async function hashNewPassword({
  password,
  email,
  field = "password",
}: {
  password: string;
  email?: string | null;
  field?: string;
}): Promise<string> {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw fieldErrors({ [field]: problems });
  return hashPassword(password);
}

/**
 * Creates an account with its hobbies and provider identity inside the caller's transaction. Null when
 * an account with this email (compared case-insensitively) or Telegram chat already exists: nothing is
 * written then, and the caller decides what that means (a 400, a retry, a link). An unknown hobby id
 * is DRF's 400.
 */
export async function createAccount({ account, executor }: { account: NewAccount; executor: Executor }): Promise<User | null> {
  const hobbyIds = account.hobbyIds ?? [];
  await assertHobbiesExist({ ids: hobbyIds, executor });
  const isStaff = account.isStaff ?? false;
  const [user] = await executor
    .insert(users)
    .values({
      ...(account.id !== undefined ? { id: account.id } : {}),
      email: account.email,
      passwordHash: account.passwordHash,
      firstName: account.firstName ?? "",
      lastName: account.lastName ?? "",
      birth: account.birth ?? null,
      declaredAge: account.declaredAge ?? null,
      tgLink: account.tgLink ?? null,
      chatId: account.chatId ?? null,
      image: account.image ?? null,
      isActive: account.isActive ?? true,
      isStaff,
      isActivePair: account.isActivePair ?? !isStaff,
      lastLogin: account.lastLogin ?? null,
      ...(account.createdAt ? { createdAt: account.createdAt, updatedAt: account.createdAt } : {}),
    })
    // Every unique index of users is an identity (email, chat, id): a conflict means "already exists".
    .onConflictDoNothing()
    .returning();
  if (!user) return null;
  if (hobbyIds.length > 0) await executor.insert(userHobbies).values(hobbyIds.map((hobbyId) => ({ userId: user.id, hobbyId })));
  if (account.identity) await executor.insert(socialIdentities).values({ userId: user.id, ...account.identity });
  return user;
}
