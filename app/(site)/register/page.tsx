import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterWizard } from "@/components/register/register-wizard";
import { Card } from "@/components/ui/card";
import { listAllHobbies } from "@/lib/hobbies/queries";
import { currentUser } from "@/lib/session";
import { registerAction } from "./actions";

export const metadata: Metadata = { title: "Регистрация" };

export default async function RegisterPage() {
  if (await currentUser()) redirect("/matches");
  const catalogue = await listAllHobbies();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-4 py-10 sm:px-6 sm:py-16">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Регистрация</h1>
        <p className="text-slate-700">Четыре коротких шага — и на ближайшем подборе у тебя появится первый собеседник.</p>
      </div>
      <Card>
        <RegisterWizard catalogue={catalogue} action={registerAction} />
      </Card>
    </main>
  );
}
