// Texts the bot sends. Plain text (no parse_mode), so names and hobbies need no escaping.

export interface AnnouncedPartner {
  first_name: string;
  last_name: string;
  tg_link: string | null;
}

function fullName(partner: AnnouncedPartner): string {
  const name = `${partner.first_name} ${partner.last_name}`.trim();
  return name === "" ? "участник UniMatch без имени" : name;
}

/** `@nick` for a bare or @-prefixed handle, the link itself for a t.me URL, null when there is none. */
function handle(tgLink: string | null): string | null {
  const value = tgLink?.trim();
  if (!value) return null;
  if (/^https?:\/\//i.test(value)) return value;
  return value.startsWith("@") ? value : `@${value}`;
}

function describe(partner: AnnouncedPartner): string {
  const contact = handle(partner.tg_link);
  return contact ? `${fullName(partner)} (${contact})` : fullName(partner);
}

/**
 * The weekly announcement to one participant: who they meet (one partner, or two in a trio), how
 * to reach them, and the hobbies they have in common.
 */
export function matchAnnouncementText({ partners, commonHobbies }: { partners: AnnouncedPartner[]; commonHobbies: string[] }): string {
  const trio = partners.length > 1;
  const names = partners.map(describe);
  const who = trio
    ? `На этой неделе вы встречаетесь втроём: ${names.slice(0, -1).join(", ")} и ${names.at(-1)}.`
    : `Твоя пара на этой неделе — ${names[0] ?? "участник UniMatch"}.`;
  const interests =
    commonHobbies.length > 0
      ? `Общие интересы: ${commonHobbies.join(", ")}.`
      : "Общих интересов в анкетах не нашлось — тем интереснее будет познакомиться!";
  const noContact = partners.some((partner) => handle(partner.tg_link) === null)
    ? `\nКак связаться с ${trio ? "партнёрами" : "партнёром"} — в разделе «Мои пары» на сайте.`
    : "";
  const nudge = trio ? "Напишите друг другу и договоритесь о встрече!" : "Напиши и договоритесь о встрече!";
  return `Привет! ${who}\n${interests}${noContact}\n${nudge}`;
}
