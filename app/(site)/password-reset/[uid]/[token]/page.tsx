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
        <h1 className="text-2xl font-bold tracking-tight">Новый пароль</h1>
        <PasswordResetForm uid={uid} token={token} action={resetPasswordAction} />
      </Card>
    </main>
  );
}
