import "server-only";
import { Api, GrammyError, HttpError } from "grammy";
import { env } from "@/lib/env";

/** Why a Bot API call failed, in the terms a delivery needs to decide what to do next. */
export class TelegramSendError extends Error {
  constructor(
    message: string,
    /** Seconds Telegram asked us to wait (429), if it did. */
    readonly retryAfterSeconds: number | null,
    /** False when retrying cannot help (chat not found, bot blocked by the user, bad request). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

let api: Api | null = null;

/** The bot's @username for the Login Widget and t.me links, when a bot is configured. */
export function telegramBotUsername(): string | undefined {
  return env.TELEGRAM_BOT_TOKEN ? env.TELEGRAM_BOT_USERNAME : undefined;
}

/** True when a bot token is configured; without one Telegram features answer 503 or are hidden. */
export function telegramConfigured(): boolean {
  return Boolean(env.TELEGRAM_BOT_TOKEN);
}

/** The Bot API client (grammY), pointed at TELEGRAM_API_ROOT; null when no bot is configured. */
export function telegramApi(): Api | null {
  if (!env.TELEGRAM_BOT_TOKEN) return null;
  api ??= new Api(env.TELEGRAM_BOT_TOKEN, { apiRoot: env.TELEGRAM_API_ROOT });
  return api;
}

/**
 * Sends one text message. Resolves with Telegram's message id; throws TelegramSendError with
 * `retryAfterSeconds` on 429 and `retryable` false for answers a retry cannot change.
 */
export async function sendTelegramMessage({ chatId, text }: { chatId: string; text: string }): Promise<{ messageId: number }> {
  const client = telegramApi();
  if (!client) throw new TelegramSendError("no Telegram bot is configured", null, false);
  try {
    const message = await client.sendMessage(chatId, text, { link_preview_options: { is_disabled: true } });
    return { messageId: message.message_id };
  } catch (error) {
    if (error instanceof GrammyError) {
      if (error.error_code === 429) {
        throw new TelegramSendError(error.description, error.parameters.retry_after ?? 1, true);
      }
      throw new TelegramSendError(error.description, null, error.error_code >= 500);
    }
    if (error instanceof HttpError) throw new TelegramSendError(`network error: ${String(error.error)}`, null, true);
    throw error;
  }
}
