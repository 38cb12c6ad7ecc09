import type { Metadata } from "next";
import { TelegramLogin } from "@/components/telegram/telegram-login";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { env } from "@/lib/env";

// The bot settings are read when the page is requested, not frozen into the build.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Вход через Telegram" };

export default function TelegramAuthPage() {
  const botUsername = env.TELEGRAM_BOT_TOKEN ? env.TELEGRAM_BOT_USERNAME : undefined;
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-4 py-12 sm:px-6 sm:py-16">
      <Card className="flex flex-col gap-5">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Вход через Telegram</h1>
        {botUsername ? (
          <>
            <p className="text-lg leading-relaxed text-slate-700">
              Войди одной кнопкой: учётная запись UniMatch создастся сама, а бот будет присылать тебе сообщения о новой паре. Если ты уже
              вошёл (или вошла) на сайте, Telegram привяжется к твоей учётной записи.
            </p>
            <TelegramLogin botUsername={botUsername} />
          </>
        ) : (
          <Notice tone="info" title="Пока недоступно">
            Вход через Telegram на этом сайте пока не настроен: бот UniMatch ещё не подключён. Загляни позже.
          </Notice>
        )}
        <ButtonLink href="/" variant="secondary" className="self-start">
          На главную
        </ButtonLink>
      </Card>
    </main>
  );
}
