import type { Metadata } from "next";
import { HobbiesForm } from "@/components/hobbies/hobbies-form";
import { Card } from "@/components/ui/card";
import { listAllHobbies, listUserHobbies } from "@/lib/hobbies/queries";
import { requireSignedInUser } from "@/lib/session";
import { saveHobbiesAction } from "../settings/actions";

export const metadata: Metadata = { title: "Мои хобби" };

export default async function HobbiesPage() {
  const user = await requireSignedInUser("/hobbies");
  const [catalogue, mine] = await Promise.all([listAllHobbies(), listUserHobbies({ userId: user.id })]);
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6 sm:py-12">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">Мои хобби</h1>
        <p className="text-slate-700">По ним мы подбираем собеседника: чем точнее выбор, тем больше у вас будет общего.</p>
      </div>
      <Card>
        <HobbiesForm action={saveHobbiesAction} catalogue={catalogue} chosen={mine.map((hobby) => hobby.id)} />
      </Card>
    </main>
  );
}
