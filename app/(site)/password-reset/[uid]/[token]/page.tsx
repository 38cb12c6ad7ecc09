import type { Metadata } from "next";
import { PasswordResetForm } from "@/components/auth/password-reset-form";
import { Card } from "@/components/ui/card";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Новый пароль" };

export default async function PasswordResetPage({ params }: { params: Promise<{ uid: string; token: string }> }) {
  const { uid, token } = await params;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12 sm:px-6 sm:py-16">
      <Card className="flex flex-col gap-5">
        <div className="flex flex-col gap-2">
          <h1 className="text-2xl font-bold tracking-tight">Новый пароль</h1>
          <p className="text-slate-700">Придумай новый пароль: не короче 8 символов, не только из цифр и не слишком простой.</p>
        </div>
        <PasswordResetForm uid={uid} token={token} action={resetPasswordAction} />
      </Card>
    </main>
  );
}
