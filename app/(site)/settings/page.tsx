import type { Metadata } from "next";
import { requestNonce } from "@/lib/http/security-headers";
import type { ReactNode } from "react";
import { TelegramLogin } from "@/components/telegram/telegram-login";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { PasswordForm } from "@/components/settings/password-form";
import { PhotoForm } from "@/components/settings/photo-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireSignedInUser } from "@/lib/session";
import { telegramBotUsername } from "@/lib/telegram/client";
import { signOutAction, telegramAuthAction } from "../session-actions";
import { changePasswordAction, deleteAccountAction, saveProfileAction, signOutEverywhereAction, telegramLinkAction } from "./actions";
import { setParticipationAction } from "./participation-actions";
import { removePhotoAction, uploadPhotoAction } from "./photo-actions";

export const metadata: Metadata = { title: "Настройки" };

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <Card className="flex flex-col gap-4" aria-labelledby={id} role="region">
      <div className="flex flex-col gap-1">
        <h2 id={id} className="text-xl font-semibold">
          {title}
        </h2>
        {description && <p className="text-slate-700">{description}</p>}
      </div>
      {children}
    </Card>
  );
}

export default async function SettingsPage() {
  const user = await requireSignedInUser("/settings");
  const bot = telegramBotUsername();
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6 sm:py-12">
      <h1 className="text-3xl font-bold tracking-tight">Настройки</h1>

      <Section id="participation" title="Участие в подборе пар">
        <p className="text-slate-800">
          {user.isActivePair
            ? "Ты участвуешь: каждую неделю мы подбираем тебе нового собеседника."
            : "Ты на паузе: пары тебе не подбираются."}
        </p>
        <form action={setParticipationAction}>
          <input type="hidden" name="participate" value={user.isActivePair ? "off" : "on"} />
          <Button type="submit" variant={user.isActivePair ? "secondary" : "primary"}>
            {user.isActivePair ? "Поставить на паузу" : "Снова участвовать"}
          </Button>
        </form>
      </Section>

      <Section id="profile" title="Профиль" description={user.email ? `Email: ${user.email}` : undefined}>
        <ProfileForm
          action={saveProfileAction}
          defaults={{ first_name: user.firstName, last_name: user.lastName, birth: user.birth ?? "", tg_link: user.tgLink ?? "" }}
        />
      </Section>

      <Section id="photo" title="Фото профиля" description="Его увидят твои собеседники. Подойдёт JPEG, PNG или WebP до 5 МБ.">
        <PhotoForm image={user.image} upload={uploadPhotoAction} remove={removePhotoAction} />
      </Section>

      <Section id="telegram" title="Telegram" description="Бот пришлёт сообщение, как только у тебя появится новая пара.">
        {user.chatId ? (
          <p className="text-slate-800">
            Telegram привязан{user.tgLink ? `: ${user.tgLink}` : ""}. Сообщения о новых парах приходят в бот.
          </p>
        ) : bot ? (
          <div className="flex flex-col gap-4">
            <form action={telegramLinkAction}>
              <Button type="submit">Открыть бота и привязать</Button>
            </form>
            <p className="text-sm text-slate-600">Или войди через виджет Telegram — он тоже привяжет аккаунт:</p>
            <TelegramLogin botUsername={bot} action={telegramAuthAction} next="/settings" nonce={await requestNonce()} />
          </div>
        ) : (
          <p className="text-slate-700">Привязка Telegram на этом сайте пока не настроена.</p>
        )}
      </Section>

      {user.passwordHash && (
        <Section id="password" title="Пароль">
          <PasswordForm action={changePasswordAction} />
        </Section>
      )}

      <Section id="sessions" title="Выход" description="«На всех устройствах» завершит все входы — в браузерах и в приложениях.">
        <div className="flex flex-col gap-3 sm:flex-row">
          <form action={signOutAction}>
            <Button type="submit" variant="secondary">
              Выйти
            </Button>
          </form>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="secondary">
              Выйти на всех устройствах
            </Button>
          </form>
        </div>
      </Section>

      {user.passwordHash && (
        <Section id="delete" title="Удаление аккаунта">
          <DeleteAccountForm action={deleteAccountAction} />
        </Section>
      )}
    </main>
  );
}
