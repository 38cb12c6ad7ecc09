import Link from "next/link";
import { Avatar, displayName } from "@/components/users/avatar";
import { dateInWords } from "@/lib/format";
import type { PairEntry } from "@/lib/matching/queries";
import { HobbyTags } from "./partner-card";

export const ROUNDS_PER_PAGE = 10;

/** Earlier entries grouped by round (a trio's two partners under one date), newest first. */
export function roundsOf(entries: PairEntry[]): { date: string; entries: PairEntry[] }[] {
  const rounds: { date: string; entries: PairEntry[] }[] = [];
  for (const entry of entries) {
    const last = rounds.at(-1);
    if (last && last.date === entry.created_at) last.entries.push(entry);
    else rounds.push({ date: entry.created_at, entries: [entry] });
  }
  return rounds;
}

/** One page of the history of earlier rounds, with links to the other pages. */
export function MatchHistory({ entries, page, images }: { entries: PairEntry[]; page: number; images: Map<number, string> }) {
  const rounds = roundsOf(entries);
  const pages = Math.max(1, Math.ceil(rounds.length / ROUNDS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = rounds.slice((current - 1) * ROUNDS_PER_PAGE, current * ROUNDS_PER_PAGE);
  return (
    <section aria-labelledby="history" className="flex flex-col gap-4">
      <h2 id="history" className="text-2xl font-semibold">
        История знакомств
      </h2>
      {rounds.length === 0 ? (
        <p className="text-slate-600">Здесь появятся все, с кем ты познакомишься. Пока история пуста.</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {shown.map((round) => (
            <li key={round.date} className="rounded-2xl border border-slate-200 bg-white p-4">
              <p className="text-sm font-medium text-slate-600">{dateInWords(round.date)}</p>
              <ul className="mt-2 flex flex-col gap-3">
                {round.entries.map((entry) => (
                  <li key={entry.id} className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
                    <div className="flex items-center gap-3 sm:w-56 sm:shrink-0">
                      <Avatar
                        firstName={entry.partner.first_name}
                        lastName={entry.partner.last_name}
                        image={images.get(entry.partner.id) ?? null}
                        size="sm"
                      />
                      <span className="font-medium">{displayName(entry.partner.first_name, entry.partner.last_name)}</span>
                    </div>
                    <HobbyTags hobbies={entry.common_hobby} shared={entry.common_hobby} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label="Страницы истории" className="flex items-center justify-between gap-3">
          {current > 1 ? (
            <Link href={`/matches?page=${current - 1}#history`} className="font-medium text-brand-dark underline underline-offset-4">
              ← Новее
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-600">
            Страница {current} из {pages}
          </span>
          {current < pages ? (
            <Link href={`/matches?page=${current + 1}#history`} className="font-medium text-brand-dark underline underline-offset-4">
              Старше →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
