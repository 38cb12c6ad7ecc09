import type { Metadata } from "next";
import { PasswordResetForm } from "@/components/auth/password-reset-form";

export const metadata: Metadata = { title: "Новый пароль — UniMatch" };

export default async function PasswordResetPage({ params }: { params: Promise<{ uid: string; token: string }> }) {
  const { uid, token } = await params;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-6 py-16">
      <h1 className="text-2xl font-bold tracking-tight">Новый пароль</h1>
      <p className="text-slate-700">Придумайте новый пароль: не короче 8 символов, не только из цифр и не слишком простой.</p>
      <PasswordResetForm uid={uid} token={token} />
    </main>
  );
}
