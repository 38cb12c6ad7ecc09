import type { Metadata } from "next";
import { ActivateAccount } from "@/components/auth/activate-account";
import { Card } from "@/components/ui/card";
import { activateAction } from "./actions";

export const metadata: Metadata = { title: "Активация учётной записи" };

export default async function ActivatePage({ params }: { params: Promise<{ uid: string; token: string }> }) {
  const { uid, token } = await params;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12 sm:px-6 sm:py-16">
      <Card className="flex flex-col gap-5">
        <h1 className="text-2xl font-bold tracking-tight">Активация учётной записи</h1>
        <ActivateAccount uid={uid} token={token} action={activateAction} />
      </Card>
    </main>
  );
}
