import type { Metadata } from "next";
import { requestNonce } from "@/lib/http/security-headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { OtherSignIns } from "@/components/auth/other-sign-ins";
import { Card } from "@/components/ui/card";
import { telegramBotUsername } from "@/lib/telegram/client";
import { configuredOAuthProviders, currentUser, safeNextPath } from "@/lib/session";
import { loginAction } from "./actions";

export const metadata: Metadata = { title: "Вход" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next: nextParam } = await searchParams;
  const next = safeNextPath(nextParam);
  if (await currentUser()) redirect(next);
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-10 sm:px-6 sm:py-16">
      <Card className="flex flex-col gap-6">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight">Вход</h1>
          <p className="text-slate-700">С возвращением! Твой собеседник на этой неделе уже ждёт.</p>
        </div>
        <LoginForm action={loginAction} next={next} />
        <OtherSignIns
          telegramBot={telegramBotUsername()}
          oauthProviders={configuredOAuthProviders().map((provider) => provider.id)}
          next={next}
          nonce={await requestNonce()}
        />
      </Card>
      <p className="text-center text-slate-700">
        Ещё нет аккаунта?{" "}
        <Link href="/register" className="font-medium text-brand-dark underline underline-offset-4">
          Зарегистрируйся
        </Link>
      </p>
    </main>
  );
}
