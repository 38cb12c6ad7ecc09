import type { Metadata } from "next";
import { TelegramLogin } from "@/components/telegram/telegram-login";
import { env } from "@/lib/env";

// The bot settings are read when the page is requested, not frozen into the build.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Вход через Telegram — UniMatch" };

export default function TelegramAuthPage() {
  const botUsername = env.TELEGRAM_BOT_TOKEN ? env.TELEGRAM_BOT_USERNAME : undefined;
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-6 py-16">
      <h1 className="text-3xl font-bold tracking-tight">Вход через Telegram</h1>
      {botUsername ? (
        <>
          <p className="text-lg leading-relaxed">
            Войдите одной кнопкой: аккаунт UniMatch создастся сам, а бот будет присылать вам сообщения о новой паре.
            Если вы уже вошли на сайте, Telegram привяжется к вашему аккаунту.
          </p>
          <TelegramLogin botUsername={botUsername} />
        </>
      ) : (
        <p className="rounded-xl bg-amber-50 px-4 py-3 text-amber-900">
          Вход через Telegram на этом сайте пока не настроен: бот UniMatch ещё не подключён. Загляните позже.
        </p>
      )}
      <a href="/" className="text-brand underline">
        На главную
      </a>
    </main>
  );
}
