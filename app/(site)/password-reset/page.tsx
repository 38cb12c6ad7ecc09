import type { Metadata } from "next";
import Link from "next/link";
import { ResetRequestForm } from "@/components/auth/reset-request-form";
import { Card } from "@/components/ui/card";
import { requestResetAction } from "./actions";

export const metadata: Metadata = { title: "Восстановление пароля" };

export default function PasswordResetRequestPage() {
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-10 sm:px-6 sm:py-16">
      <Card className="flex flex-col gap-5">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight">Восстановление пароля</h1>
          <p className="text-slate-700">Укажи email, с которым регистрировался, — пришлём ссылку для нового пароля.</p>
        </div>
        <ResetRequestForm action={requestResetAction} />
      </Card>
      <p className="text-center text-slate-700">
        Вспомнил пароль?{" "}
        <Link href="/login" className="font-medium text-brand-dark underline underline-offset-4">
          Войти
        </Link>
      </p>
    </main>
  );
}
