import type { Metadata } from "next";
import { ActivateAccount } from "@/components/auth/activate-account";

export const metadata: Metadata = { title: "Активация учётной записи — UniMatch" };

export default async function ActivatePage({ params }: { params: Promise<{ uid: string; token: string }> }) {
  const { uid, token } = await params;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-6 py-16">
      <h1 className="text-2xl font-bold tracking-tight">Активация учётной записи</h1>
      <ActivateAccount uid={uid} token={token} />
    </main>
  );
}
