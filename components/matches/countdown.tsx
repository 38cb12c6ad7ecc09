"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { DAYS, pluralForm } from "@/lib/format";

const UNIT_FORMS = [
  DAYS,
  { one: "час", few: "часа", many: "часов" },
  { one: "минута", few: "минуты", many: "минут" },
  { one: "секунда", few: "секунды", many: "секунд" },
];

function partsLeft(targetMs: number, nowMs: number): number[] {
  const seconds = Math.max(0, Math.floor((targetMs - nowMs) / 1000));
  return [Math.floor(seconds / 86400), Math.floor((seconds % 86400) / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
}

/** The round's moment on the visitor's own clock, when their time zone is not the match time zone. */
function localTimeOf(targetMs: number, matchTimeZone: string): string | null {
  if (Intl.DateTimeFormat().resolvedOptions().timeZone === matchTimeZone) return null;
  return new Intl.DateTimeFormat("ru-RU", { weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(targetMs),
  );
}

/**
 * The countdown to the next round, ticking every second from the server's schedule (`target`, an ISO
 * instant), so it reaches zero exactly at round time; then the page is refreshed to show the new pair.
 * `when` and `zone` are the round's moment in words in the match time zone; the visitor's own clock
 * time is added when their time zone differs.
 */
export function Countdown({ target, when, zone, matchTimeZone }: { target: string; when: string; zone: string; matchTimeZone: string }) {
  const router = useRouter();
  const targetMs = Date.parse(target);
  const [now, setNow] = useState(() => Date.now());
  const hydrated = useHydrated();
  const left = partsLeft(targetMs, now);
  const elapsed = targetMs <= now;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const localTime = hydrated ? localTimeOf(targetMs, matchTimeZone) : null;

  useEffect(() => {
    if (!elapsed) return;
    const first = setTimeout(() => router.refresh(), 5_000);
    const second = setTimeout(() => router.refresh(), 60_000);
    return () => {
      clearTimeout(first);
      clearTimeout(second);
    };
  }, [elapsed, router]);

  return (
    <section aria-labelledby="next-round" className="rounded-2xl bg-brand-light px-5 py-5 text-brand-dark sm:px-6">
      <h2 id="next-round" className="text-sm font-semibold tracking-wider uppercase">
        Следующий подбор пар
      </h2>
      {elapsed ? (
        <p className="mt-2 text-xl font-semibold" role="status">
          Подбираем пары — через минуту здесь появится новый собеседник.
        </p>
      ) : (
        <div className="mt-3 grid max-w-md grid-cols-4 gap-2" role="timer" aria-label="До подбора пар осталось">
          {left.map((value, index) => (
            <div key={index} className="rounded-xl bg-white/70 px-2 py-2 text-center">
              <span className="block text-2xl font-bold tabular-nums sm:text-3xl" suppressHydrationWarning>
                {index === 0 ? value : String(value).padStart(2, "0")}
              </span>
              <span className="block text-xs text-brand-dark/80" suppressHydrationWarning>
                {pluralForm(value, UNIT_FORMS[index]!)}
              </span>
            </div>
          ))}
        </div>
      )}
      <p className="mt-3">
        {when} <span className="whitespace-nowrap">({zone})</span>
      </p>
      {localTime && <p className="mt-1 text-sm text-brand-dark/80">По твоему времени: {localTime}</p>}
    </section>
  );
}
