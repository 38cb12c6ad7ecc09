import { eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { users, type User } from "@/db/schema";
import { isUniqueViolation } from "@/db/errors";
import { createAccount } from "@/lib/users/accounts";
import { findUserByChatId } from "@/lib/users/queries";

export type LinkOutcome = "linked" | "unchanged" | "taken";

/** Raised inside a transaction when the chat belongs to someone else; see `withChatUniqueness`. */
export class ChatTakenError extends Error {
  constructor() {
    super("this Telegram chat is linked to another account");
  }
}

/** `@username` for tg_link, or null when Telegram gave no username. */
export function handleOf(username: string | null | undefined): string | null {
  return username ? `@${username}` : null;
}

/**
 * Points `userId`'s chat_id at `chatId` (replacing an earlier chat) and fills tg_link from the Telegram
 * username when the user has none. "taken" when the chat already belongs to another user; nothing is
 * written then. Run it in a transaction and wrap that in `withChatUniqueness` for concurrent links.
 */
export async function linkChat({
  executor,
  userId,
  chatId,
  username,
}: {
  executor: Executor;
  userId: number;
  chatId: string;
  username?: string | null;
}): Promise<LinkOutcome> {
  const holder = await findUserByChatId({ chatId, executor });
  if (holder && holder.id !== userId) return "taken";
  const handle = handleOf(username);
  await executor
    .update(users)
    .set({
      chatId,
      ...(handle ? { tgLink: sql`coalesce(nullif(${users.tgLink}, ''), ${handle})` } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  return holder ? "unchanged" : "linked";
}

/**
 * Runs a transaction that links a chat; when a concurrent transaction linked the same chat to another
 * user first (the unique index refuses ours), answers "taken" instead of failing.
 */
export async function withChatUniqueness<Result>(run: () => Promise<Result>): Promise<Result | "taken"> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ChatTakenError || isUniqueViolation(error, "users_chat_id_unique")) return "taken";
    throw error;
  }
}

/**
 * Creates a password-less, email-less account for a Telegram user, linked to their chat. Null when a
 * concurrent request created the account for this chat first.
 */
export async function createTelegramUser({
  executor,
  chatId,
  firstName,
  lastName,
  username,
}: {
  executor: Executor;
  chatId: string;
  firstName: string;
  lastName: string;
  username?: string | null;
}): Promise<User | null> {
  return createAccount({ account: { email: null, passwordHash: null, firstName, lastName, tgLink: handleOf(username), chatId }, executor });
}

/** Sets whether the user linked to `chatId` takes part in the next rounds; false when no user has that chat. */
export async function setPairingByChat({ chatId, active }: { chatId: string; active: boolean }): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ isActivePair: active, updatedAt: new Date() })
    .where(eq(users.chatId, chatId))
    .returning({ id: users.id });
  return rows.length > 0;
}
