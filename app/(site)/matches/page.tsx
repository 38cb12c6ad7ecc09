import type { Metadata } from "next";
import { MatchHistory } from "@/components/matches/match-history";
import { NextRound } from "@/components/matches/next-round";
import { PartnerCard } from "@/components/matches/partner-card";
import { Button, ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { dateInWords } from "@/lib/format";
import { currentIcebreaker } from "@/lib/matching/icebreakers";
import { listPairsForUser } from "@/lib/matching/queries";
import { requireSignedInUser } from "@/lib/session";
import { photosOfUsers } from "@/lib/users/queries";
import { setParticipationAction } from "../settings/participation-actions";

export const metadata: Metadata = { title: "Мои пары" };

export default async function MatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSignedInUser("/matches");
  const { page } = await searchParams;
  const [{ current, earlier }, icebreaker] = await Promise.all([
    listPairsForUser({ userId: user.id }),
    currentIcebreaker({ userId: user.id }),
  ]);
  const images = await photosOfUsers({ userIds: [...current, ...earlier].map((entry) => entry.partner.id) });
  const isTrio = current.length > 1;

  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-8 sm:px-6 sm:py-12">
      <h1 className="text-3xl font-bold tracking-tight">{user.firstName ? `Привет, ${user.firstName}!` : "Мои пары"}</h1>

      {!user.isActivePair && (
        <Notice tone="info" title="Ты на паузе">
          <p>Пока пауза включена, мы не подбираем тебе пару. Вернуться можно в любой момент.</p>
          <form action={setParticipationAction} className="mt-3">
            <input type="hidden" name="participate" value="on" />
            <Button type="submit">Снова участвовать</Button>
          </form>
        </Notice>
      )}

      <section aria-labelledby="current" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="current" className="text-2xl font-semibold">
            {isTrio ? "Твоя тройка на этой неделе" : "Твоя пара на этой неделе"}
          </h2>
          {current[0] && <p className="text-slate-600">Подбор от {dateInWords(current[0].created_at)}</p>}
        </div>
        {current.length > 0 ? (
          <div className={`grid gap-4 ${isTrio ? "sm:grid-cols-2" : ""}`}>
            {current.map((entry) => (
              <PartnerCard
                key={entry.id}
                partner={entry.partner}
                shared={entry.common_hobby}
                image={images.get(entry.partner.id) ?? null}
              />
            ))}
            {icebreaker && (
              <div className={`rounded-2xl border border-amber-200 bg-amber-50 p-4 ${isTrio ? "sm:col-span-2" : ""}`}>
                <p className="text-sm font-semibold text-amber-900">С чего начать разговор</p>
                <p className="mt-1 text-slate-800">{icebreaker}</p>
              </div>
            )}
          </div>
        ) : (
          <div className="flex flex-col gap-3 rounded-2xl border border-dashed border-slate-300 bg-white p-6">
            <p className="text-lg font-medium">
              {earlier.length === 0 ? "Твой первый собеседник появится здесь после ближайшего подбора." : "На этой неделе у тебя нет пары."}
            </p>
            <p className="text-slate-700">
              {user.isActivePair
                ? "Чтобы пара подобралась лучше, отметь побольше хобби и укажи ник в Telegram — так собеседнику будет проще тебе написать."
                : "Ты на паузе, поэтому в подборе не участвуешь."}
            </p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <ButtonLink href="/hobbies" variant="secondary">
                Мои хобби
              </ButtonLink>
              <ButtonLink href="/settings" variant="secondary">
                Настройки
              </ButtonLink>
            </div>
          </div>
        )}
      </section>

      <NextRound />

      <MatchHistory entries={earlier} page={Number(page) || 1} images={images} />
    </main>
  );
}
