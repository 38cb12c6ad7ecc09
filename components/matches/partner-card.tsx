import { Avatar, displayName } from "@/components/users/avatar";
import type { HobbyRef } from "@/lib/hobbies/queries";
import type { Partner } from "@/lib/matching/queries";
import { telegramUrl } from "@/lib/users/contact";

/** A partner's hobbies, the ones shared with the student first and highlighted. */
export function HobbyTags({ hobbies, shared }: { hobbies: HobbyRef[]; shared: HobbyRef[] }) {
  const sharedIds = new Set(shared.map((hobby) => hobby.id));
  const ordered = [...hobbies].sort((a, b) => Number(sharedIds.has(b.id)) - Number(sharedIds.has(a.id)));
  if (ordered.length === 0) return <p className="text-sm text-slate-600">Хобби не указаны</p>;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Хобби">
      {ordered.map((hobby) =>
        sharedIds.has(hobby.id) ? (
          <li key={hobby.id} className="rounded-full bg-brand px-2.5 py-1 text-sm font-medium text-white">
            <span className="sr-only">общее: </span>
            {hobby.name}
          </li>
        ) : (
          <li key={hobby.id} className="rounded-full bg-slate-100 px-2.5 py-1 text-sm text-slate-700">
            {hobby.name}
          </li>
        ),
      )}
    </ul>
  );
}

/** One partner of the current round: photo or initials, name, hobbies (shared ones highlighted), a one-tap contact. */
export function PartnerCard({ partner, shared, image }: { partner: Partner; shared: HobbyRef[]; image: string | null }) {
  const name = displayName(partner.first_name, partner.last_name);
  const telegram = telegramUrl(partner.tg_link);
  return (
    <article className="flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex items-center gap-4">
        <Avatar firstName={partner.first_name} lastName={partner.last_name} image={image} size="lg" />
        <div className="min-w-0">
          <h3 className="truncate text-xl font-semibold">{name}</h3>
          <p className="text-slate-600">
            {shared.length > 0 ? `Общих хобби: ${shared.length}` : "Общих хобби нет — тем интереснее познакомиться"}
          </p>
        </div>
      </div>
      <HobbyTags hobbies={partner.hobby} shared={shared} />
      {telegram ? (
        <a
          href={telegram}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-flex items-center justify-center gap-2 rounded-lg bg-brand px-4 py-2.5 font-medium text-white hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
        >
          Написать в Telegram
          <span className="sr-only">: {name} (откроется в новой вкладке)</span>
        </a>
      ) : partner.email ? (
        <a
          href={`mailto:${partner.email}`}
          className="inline-flex items-center justify-center gap-2 rounded-lg bg-brand px-4 py-2.5 font-medium text-white hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
        >
          Написать на {partner.email}
        </a>
      ) : (
        <p className="text-sm text-slate-600">Контакт не указан — собеседник напишет тебе сам.</p>
      )}
    </article>
  );
}
