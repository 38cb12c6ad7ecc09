import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { matchGroupMembers, matchGroups, users, type User } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";
import { credentialLimits, releaseAttempt, reserveAttempt } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { hashNewPassword } from "./accounts";

/**
 * Checks the signed-in user's current password, throttled and counted like a login (someone holding a
 * stolen access token must not be able to guess it); DRF's `{"current_password": ["Invalid password."]}` otherwise.
 */
async function assertCurrentPassword({ user, password, ip }: { user: User; password: string; ip: string }): Promise<void> {
  const limits = credentialLimits({ account: user.email ?? `id:${user.id}`, ip });
  await reserveAttempt(limits);
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new AppError("bad_request", "Неверный текущий пароль", { fields: { current_password: ["Invalid password."] } });
  }
  await releaseAttempt(limits);
}

/** djoser's set_password: the current password, then the new one through Django's validators, stored as argon2id. */
export async function changePassword({
  user,
  currentPassword,
  newPassword,
  ip,
}: {
  user: User;
  currentPassword: string;
  newPassword: string;
  ip: string;
}): Promise<void> {
  await assertCurrentPassword({ user, password: currentPassword, ip });
  const passwordHash = await hashNewPassword({ password: newPassword, email: user.email, field: "new_password" });
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
}

/**
 * Deletes the signed-in user's account (everything of theirs cascades) once the current password is
 * confirmed. A pair the user was matched in goes with them, as Django's cascade took it: a group of one
 * is no group (the match_group_size trigger refuses it at commit), while a trio stays its other two's pair.
 */
export async function deleteAccount({ user, currentPassword, ip }: { user: User; currentPassword: string; ip: string }): Promise<void> {
  await assertCurrentPassword({ user, password: currentPassword, ip });
  await db.transaction(async (tx) => {
    const groupsOfUser = tx.select({ id: matchGroupMembers.groupId }).from(matchGroupMembers).where(eq(matchGroupMembers.userId, user.id));
    const members = sql`(select count(*) from ${matchGroupMembers} where ${matchGroupMembers.groupId} = ${matchGroups.id})`;
    await tx.delete(matchGroups).where(and(inArray(matchGroups.id, groupsOfUser), sql`${members} <= 2`));
    await tx.delete(users).where(eq(users.id, user.id));
  });
}
