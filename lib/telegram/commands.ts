import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { listPairsForUser } from "@/lib/matching/queries";
import { countdownToNextRound } from "@/lib/matching/schedule";
import { findUserByChatId } from "@/lib/users/queries";
import { ChatTakenError, linkChat, setPairingByChat, withChatUniqueness } from "./accounts";
import { consumeLinkCode } from "./link-codes";
import { botTexts, groupDescription } from "./messages";

// What the bot's commands do, as functions from a chat to the Russian reply; the grammY wiring is in bot.ts.

/** The answer to a plain `/start`. */
export function welcomeReply(): string {
  return botTexts.welcome(env.APP_URL);
}

/**
 * `/start <code>`: links the chat to the account that generated the code and uses the code up, in one
 * transaction. A code that is unknown, used or expired, or a chat linked to another account, changes
 * nothing (the code stays usable in the latter case).
 */
export async function startWithCode({ chatId, code, username }: { chatId: string; code: string; username?: string }): Promise<string> {
  const outcome = await withChatUniqueness(() =>
    db.transaction(async (tx) => {
      const consumed = await consumeLinkCode({ code, executor: tx });
      if (!consumed.ok) return consumed.reason;
      const linked = await linkChat({ executor: tx, userId: consumed.userId, chatId, username });
      if (linked === "taken") throw new ChatTakenError();
      const [owner] = await tx.select({ firstName: users.firstName }).from(users).where(eq(users.id, consumed.userId));
      return linked === "unchanged" ? "unchanged" : { firstName: owner?.firstName ?? "" };
    }),
  );
  switch (outcome) {
    case "unknown":
      return botTexts.codeUnknown;
    case "used":
      return botTexts.codeUsed;
    case "expired":
      return botTexts.codeExpired;
    case "taken":
      return botTexts.chatTaken;
    case "unchanged":
      return botTexts.alreadyLinked;
    default:
      return botTexts.linked(outcome.firstName);
  }
}

/** `/match`: the current round's partner(s) of the user linked to the chat. */
export async function currentMatchReply({ chatId }: { chatId: string }): Promise<string> {
  const user = await findUserByChatId({ chatId });
  if (!user) return botTexts.notLinked(env.APP_URL);
  const { current } = await listPairsForUser({ userId: user.id });
  if (current.length === 0) return botTexts.noPairYet(countdownToNextRound().next_match_at);
  const partners = current.map((entry) => entry.partner);
  // In a trio each entry holds what the user shares with one partner; the group shares all of them.
  const commonHobbies = current.flatMap((entry) => entry.common_hobby.map((hobby) => hobby.name));
  return botTexts.currentMatch(groupDescription({ partners, commonHobbies }));
}

/** `/pause` and `/resume`: whether the user linked to the chat takes part in the next rounds. */
export async function setPairingReply({ chatId, active }: { chatId: string; active: boolean }): Promise<string> {
  if (!(await setPairingByChat({ chatId, active }))) return botTexts.notLinked(env.APP_URL);
  return active ? botTexts.resumed : botTexts.paused;
}
