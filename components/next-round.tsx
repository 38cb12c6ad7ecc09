import { countdownToNextRound, nextSlot, roundTimeInWords } from "@/lib/matching/schedule";

function plural(count: number, one: string, few: string, many: string): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 10 || mod100 >= 20)) return few;
  return many;
}

/** The countdown to the next weekly round, from the same schedule the API uses, with its time zone in words. */
export function NextRound() {
  const now = new Date();
  const { days_left, hours_left, minutes_left } = countdownToNextRound(now);
  const { when, zone } = roundTimeInWords(nextSlot(now));
  return (
    <section aria-labelledby="next-round" className="rounded-2xl bg-brand-light px-5 py-4 text-brand-dark">
      <h2 id="next-round" className="text-sm font-semibold tracking-wider uppercase">
        Следующий подбор пар
      </h2>
      <p className="mt-1 text-xl font-semibold">
        через {days_left} {plural(days_left, "день", "дня", "дней")}, {hours_left} {plural(hours_left, "час", "часа", "часов")} и{" "}
        {minutes_left} {plural(minutes_left, "минуту", "минуты", "минут")}
      </p>
      <p className="mt-1">
        {when} <span className="whitespace-nowrap">(часовой пояс: {zone})</span>
      </p>
    </section>
  );
}
