import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { mailOutbox, users, type User } from "@/db/schema";
import { checkToken, decodeUid, encodeUid, makeToken } from "@/lib/auth/django-tokens";
import { credentialLimits, releaseAttempt, reserveAttempt } from "@/lib/auth/rate-limit";
import { revokeEverything } from "@/lib/auth/revoke";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { queueMailDelivery } from "@/lib/background/mail";
import { enqueueMail } from "@/lib/mail/outbox";
import { activationMail, passwordResetMail } from "@/lib/mail/templates";
import { hashNewPassword } from "./accounts";
import type { DjoserCreateInput, ResetConfirmInput } from "./djoser-schema";
import { findUserByEmail, findUserById } from "./queries";
import { createInactiveAccount } from "./service";

// djoser's email flows (API.md §5): sign-up with an activation link, resending it, and password reset.

const INVALID_UID = "Invalid user id or user doesn't exist.";
const INVALID_TOKEN = "Invalid token for given user.";

const invalidUid = () => new AppError("bad_request", "Ссылка недействительна: пользователь не найден", { fields: { uid: [INVALID_UID] } });
const invalidToken = () => new AppError("bad_request", "Ссылка недействительна или устарела", { fields: { token: [INVALID_TOKEN] } });
const staleToken = () => new AppError("forbidden", "Учётная запись уже активирована", { detail: "Stale token for given user." });

function linkParts(user: User): { uid: string; token: string } {
  return { uid: encodeUid(user.id), token: makeToken(user) };
}

/** Creates an inactive account and mails its activation link (the mail row commits with the account). */
export async function signUpWithActivation({ input, ip }: { input: DjoserCreateInput; ip: string }): Promise<User> {
  const { user, result: mailId } = await createInactiveAccount({
    ip,
    input: { email: input.email, password: input.password, first_name: "", last_name: "", hobby: [] },
    andThen: (tx, created) => enqueueMail(tx, activationMail({ to: created.email!, ...linkParts(created) })),
  });
  queueMailDelivery([mailId]);
  return user;
}

/**
 * The user a uid/token pair is for, or DRF's 400. A bad uid or token is a failed credential check:
 * counted against the account and the client IP (429 past the limit) before the token is checked.
 */
async function userForLink({ uid, token, ip }: { uid: string; token: string; ip: string }): Promise<User> {
  const userId = decodeUid(uid);
  const user = userId === null ? null : await findUserById({ userId });
  const limits = credentialLimits({ account: user ? (user.email ?? `id:${user.id}`) : null, ip });
  await reserveAttempt(limits);
  if (!user) throw invalidUid();
  if (!checkToken(user, token)) throw invalidToken();
  await releaseAttempt(limits);
  return user;
}

/** Activates the account a mailed link is for; a link used before answers 403 stale. */
export async function activateAccount({ uid, token, ip }: { uid: string; token: string; ip: string }): Promise<void> {
  const user = await userForLink({ uid, token, ip });
  if (user.isActive) throw staleToken();
  const activated = await db
    .update(users)
    .set({ isActive: true, updatedAt: new Date() })
    .where(and(eq(users.id, user.id), eq(users.isActive, false)))
    .returning({ id: users.id });
  if (activated.length === 0) throw staleToken();
}

// Resend and reset answer 204 whatever happens, so anyone can ask for them: without a cap they would
// flood a person's inbox. Past the cap the request is still answered 204, but no mail is written.
const MAILS_PER_ADDRESS = 3;
const MAIL_WINDOW_MINUTES = 15;

async function mailTo(user: User, build: typeof activationMail): Promise<void> {
  const mail = build({ to: user.email!, ...linkParts(user) });
  const [recent] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.toAddress, mail.to),
        eq(mailOutbox.kind, mail.kind),
        gt(mailOutbox.createdAt, sql`now() - make_interval(mins => ${MAIL_WINDOW_MINUTES})`),
      ),
    );
  if ((recent?.count ?? 0) >= MAILS_PER_ADDRESS) {
    log.warn("mail not sent: too many requested for this address", { userId: user.id, kind: mail.kind });
    return;
  }
  const mailId = await enqueueMail(db, mail);
  queueMailDelivery([mailId]);
}

/** Mails a new activation link when the email belongs to an inactive account with a password; silent otherwise. */
export async function resendActivation({ email }: { email: string }): Promise<void> {
  const user = await findUserByEmail({ email });
  if (user?.email && !user.isActive && user.passwordHash) await mailTo(user, activationMail);
}

/** Mails a password-reset link when the email belongs to an active account with a password; silent otherwise (no enumeration). */
export async function requestPasswordReset({ email }: { email: string }): Promise<void> {
  const user = await findUserByEmail({ email });
  if (user?.email && user.isActive && user.passwordHash) await mailTo(user, passwordResetMail);
}

/**
 * Sets a new password from a mailed link: argon2id hash and last_login updated (so the link dies) and
 * every session, legacy key and OAuth token revoked, all in one transaction that re-checks the token on
 * the locked row (two uses of one link cannot both succeed).
 */
export async function confirmPasswordReset({ input, ip }: { input: ResetConfirmInput; ip: string }): Promise<void> {
  const user = await userForLink({ uid: input.uid, token: input.token, ip });
  const passwordHash = await hashNewPassword({ password: input.new_password, email: user.email, field: "new_password" });
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
    if (!locked || !checkToken(locked, input.token)) throw invalidToken();
    const now = new Date();
    await tx.update(users).set({ passwordHash, lastLogin: now, updatedAt: now }).where(eq(users.id, user.id));
    await revokeEverything({ userId: user.id, executor: tx });
  });
}
