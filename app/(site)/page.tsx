import { redirect } from "next/navigation";
import { NextRound } from "@/components/matches/next-round";
import { ButtonLink } from "@/components/ui/button";
import { currentUser } from "@/lib/session";

const WEEK = [
  { title: "Расскажи о себе", text: "Выбери до 10 хобби — от программирования до настольных игр." },
  { title: "Получи пару", text: "Раз в неделю мы подбираем студента с общими интересами, с которым ты ещё не встречался." },
  { title: "Познакомься", text: "Напиши собеседнику в Telegram одной кнопкой и договоритесь о встрече." },
  { title: "Отдохни, когда нужно", text: "Поставь участие на паузу в настройках — и вернись, когда захочешь." },
];

export default async function HomePage() {
  if (await currentUser()) redirect("/matches");
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-4 py-10 sm:px-6 sm:py-16">
      <div className="flex flex-col gap-5">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Знакомься со студентами, которым интересно то же, что и тебе</h1>
        <p className="text-lg leading-relaxed text-slate-700">
          UniMatch каждую неделю знакомит тебя с новым студентом твоего университета: у вас есть общие хобби, и вы ещё не встречались. О
          новой паре сообщим на сайте и в Telegram.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <ButtonLink href="/register">Зарегистрироваться</ButtonLink>
          <ButtonLink href="/login" variant="secondary">
            Войти
          </ButtonLink>
        </div>
      </div>
      <NextRound />
      <section aria-labelledby="how-it-works" className="flex flex-col gap-4">
        <h2 id="how-it-works" className="text-2xl font-semibold">
          Как проходит неделя
        </h2>
        <ol className="grid gap-3 sm:grid-cols-2">
          {WEEK.map((step, index) => (
            <li key={step.title} className="flex gap-3 rounded-2xl border border-slate-200 bg-white p-4">
              <span
                aria-hidden="true"
                className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand font-semibold text-white"
              >
                {index + 1}
              </span>
              <div>
                <h3 className="font-semibold">{step.title}</h3>
                <p className="mt-1 text-slate-700">{step.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
