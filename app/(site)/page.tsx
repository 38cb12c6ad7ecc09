import { NextRound } from "@/components/next-round";

export const dynamic = "force-dynamic";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-8 px-4 py-12 sm:px-6 sm:py-16">
      <div className="flex flex-col gap-4">
        <h1 className="text-4xl font-bold tracking-tight">UniMatch</h1>
        <p className="text-lg leading-relaxed text-slate-700">
          Каждую неделю мы знакомим тебя со студентом, у которого есть общие с тобой увлечения и с которым вы ещё не встречались. О новой
          паре сообщим на сайте и в Telegram.
        </p>
      </div>
      <NextRound />
      <section aria-labelledby="how-it-works" className="flex flex-col gap-3">
        <h2 id="how-it-works" className="text-xl font-semibold">
          Как это работает
        </h2>
        <ol className="list-decimal space-y-2 pl-6 text-slate-700">
          <li>Укажи свои хобби — от программирования до настольных игр.</li>
          <li>Раз в неделю получай нового собеседника с общими интересами.</li>
          <li>Если хочешь передохнуть — поставь участие на паузу.</li>
        </ol>
      </section>
    </main>
  );
}
