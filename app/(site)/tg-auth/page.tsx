import type { Metadata } from "next";
import { requestNonce } from "@/lib/http/security-headers";
import { TelegramLogin } from "@/components/telegram/telegram-login";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { currentUser } from "@/lib/session";
import { telegramBotUsername } from "@/lib/telegram/client";
import { telegramAuthAction } from "../session-actions";

export const metadata: Metadata = { title: "Вход через Telegram" };

export default async function TelegramAuthPage() {
  const botUsername = telegramBotUsername();
  const user = await currentUser();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-4 py-12 sm:px-6 sm:py-16">
      <Card className="flex flex-col gap-5">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{user ? "Привязать Telegram" : "Вход через Telegram"}</h1>
        {botUsername ? (
          <>
            <p className="text-lg leading-relaxed text-slate-700">
              {user
                ? "Нажми кнопку, и Telegram привяжется к твоей учётной записи: бот будет присылать тебе сообщения о новой паре."
                : "Войди одной кнопкой: учётная запись UniMatch создастся сама, а бот будет присылать тебе сообщения о новой паре."}
            </p>
            <TelegramLogin
              botUsername={botUsername}
              action={telegramAuthAction}
              next={user ? "/settings" : "/matches"}
              nonce={await requestNonce()}
            />
          </>
        ) : (
          <Notice tone="info" title="Пока недоступно">
            Вход через Telegram на этом сайте пока не настроен: бот UniMatch ещё не подключён. Загляни позже.
          </Notice>
        )}
        <ButtonLink href={user ? "/matches" : "/"} variant="secondary" className="self-start">
          {user ? "К моим парам" : "На главную"}
        </ButtonLink>
      </Card>
    </main>
  );
}
