import { TelegramLogin } from "@/components/telegram/telegram-login";
import { Button } from "@/components/ui/button";
import { oauthSignInAction, telegramAuthAction } from "@/app/(site)/session-actions";

const PROVIDER_NAMES: Record<string, string> = { google: "Google", yandex: "Яндекс ID", vk: "VK ID" };

/**
 * The other ways in, each shown only when configured: the Telegram Login Widget and one button per
 * OAuth provider (a form posting a server action, so it works before the page's script loads).
 */
export function OtherSignIns({
  telegramBot,
  oauthProviders,
  next,
  nonce,
}: {
  telegramBot?: string;
  oauthProviders: string[];
  next: string;
  nonce?: string;
}) {
  if (!telegramBot && oauthProviders.length === 0) return null;
  return (
    <section aria-labelledby="other-sign-ins" className="flex flex-col gap-3">
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span className="h-px flex-1 bg-slate-200" />
        <h2 id="other-sign-ins">или войди через</h2>
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      {telegramBot && <TelegramLogin botUsername={telegramBot} action={telegramAuthAction} next={next} nonce={nonce} />}
      {oauthProviders.map((provider) => (
        <form key={provider} action={oauthSignInAction.bind(null, provider)}>
          <input type="hidden" name="next" value={next} />
          <Button type="submit" variant="secondary" className="w-full">
            Войти через {PROVIDER_NAMES[provider] ?? provider}
          </Button>
        </form>
      ))}
    </section>
  );
}
