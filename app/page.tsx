import { NextRound } from "@/components/next-round";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 px-6 py-16">
      <h1 className="text-4xl font-bold tracking-tight">UniMatch</h1>
      <p className="text-lg leading-relaxed">
        Каждую неделю мы знакомим тебя со студентом, у которого есть общие с тобой увлечения и с которым вы ещё не
        встречались. О новой паре сообщим на сайте и в Telegram.
      </p>
      <NextRound />
      <ul className="list-disc space-y-1 pl-6 text-slate-700">
        <li>Укажи свои хобби — от программирования до настольных игр.</li>
        <li>Раз в неделю получай нового собеседника.</li>
        <li>Если хочешь передохнуть — поставь участие на паузу.</li>
      </ul>
    </main>
  );
}
