import { createHash, timingSafeEqual } from "node:crypto";
import { Bot, BotError, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { z } from "zod";
import { env } from "@/lib/env";
import { isDatabaseUnavailable } from "@/db/errors";
import { log } from "@/lib/log";
import { currentMatchReply, setPairingReply, startWithCode, welcomeReply } from "./commands";
import { botTexts } from "./messages";

const COMMANDS = ["start", "match", "pause", "resume"];

// Known up front so grammY never has to call getMe: the id is the token's prefix, the username is configured.
function botInfo(token: string): UserFromGetMe {
  const id = Number(token.split(":")[0]);
  return {
    id: Number.isSafeInteger(id) ? id : 0,
    is_bot: true,
    first_name: "UniMatch",
    username: env.TELEGRAM_BOT_USERNAME ?? "unimatch_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

const reply = (ctx: Context, text: string) => ctx.reply(text, { link_preview_options: { is_disabled: true } });

function createBot(token: string): Bot {
  const bot = new Bot(token, { botInfo: botInfo(token), client: { apiRoot: env.TELEGRAM_API_ROOT } });
  // Only a private chat is one person's: a group must never become someone's notification chat.
  const direct = bot.chatType("private");
  direct.command("start", async (ctx) => {
    const code = ctx.match.trim();
    const chatId = String(ctx.chat.id);
    await reply(ctx, code ? await startWithCode({ chatId, code, username: ctx.from.username }) : welcomeReply());
  });
  direct.command("match", async (ctx) => reply(ctx, await currentMatchReply({ chatId: String(ctx.chat.id) })));
  direct.command("pause", async (ctx) => reply(ctx, await setPairingReply({ chatId: String(ctx.chat.id), active: false })));
  direct.command("resume", async (ctx) => reply(ctx, await setPairingReply({ chatId: String(ctx.chat.id), active: true })));
  bot.chatType(["group", "supergroup"]).command(COMMANDS, (ctx) => reply(ctx, botTexts.privateOnly));
  return bot;
}

let bot: Bot | null = null;

/** The bot (grammY, pointed at TELEGRAM_API_ROOT); null when no token is configured. */
export function telegramBot(): Bot | null {
  if (!env.TELEGRAM_BOT_TOKEN) return null;
  bot ??= createBot(env.TELEGRAM_BOT_TOKEN);
  return bot;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** True when the header carries TELEGRAM_WEBHOOK_SECRET (compared in constant time); false when none is configured. */
export function webhookSecretMatches(header: string | null): boolean {
  const secret = env.TELEGRAM_WEBHOOK_SECRET;
  if (!secret || header === null) return false;
  return timingSafeEqual(digest(header), digest(secret));
}

const updateSchema = z.looseObject({ update_id: z.int() });

/**
 * Handles one accepted webhook update. Throws only when the database is unreachable (worth a retry):
 * Telegram retries anything but a 2xx and would keep re-sending an update that cannot succeed, so
 * other failures are logged (without message text) instead.
 */
export async function handleWebhookUpdate(body: unknown): Promise<void> {
  const client = telegramBot();
  const parsed = updateSchema.safeParse(body);
  if (!client || !parsed.success) {
    log.warn("telegram update ignored", { reason: client ? "not an update" : "no bot configured" });
    return;
  }
  try {
    await client.handleUpdate(parsed.data as Parameters<Bot["handleUpdate"]>[0]);
  } catch (error) {
    const cause = error instanceof BotError ? error.error : error;
    // The database away is worth Telegram's retry: the route answers 503 and the update comes again.
    if (isDatabaseUnavailable(cause)) throw cause;
    log.error("telegram update failed", {
      updateId: parsed.data.update_id,
      error: cause instanceof Error ? cause.message : String(cause),
    });
  }
}
