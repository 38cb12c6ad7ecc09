import { countdownToNextRound } from "@/lib/matching/schedule";

function plural(count: number, one: string, few: string, many: string): string {
  const mod10 = count % 10;
  const mod100 = count % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 10 || mod100 >= 20)) return few;
  return many;
}

/** The countdown to the next weekly round, from the same schedule the API uses. */
export function NextRound() {
  const { days_left, hours_left, minutes_left, next_match_at } = countdownToNextRound();
  return (
    <p className="rounded-xl bg-brand-light px-4 py-3 text-brand-dark">
      Следующий подбор пар через {days_left} {plural(days_left, "день", "дня", "дней")}, {hours_left}{" "}
      {plural(hours_left, "час", "часа", "часов")} и {minutes_left} {plural(minutes_left, "минуту", "минуты", "минут")}{" "}
      <span className="whitespace-nowrap text-sm opacity-75">({next_match_at})</span>
    </p>
  );
}
