// Every text the bot sends, in Russian. Plain text (no parse_mode), so names need no escaping.

export interface AnnouncedPartner {
  first_name: string;
  last_name: string;
  tg_link?: string | null;
}

const TELEGRAM_USERNAME = /^@?([A-Za-z0-9_]{4,32})$/;
const T_ME_LINK = /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/([A-Za-z0-9_]{4,32})\/?$/i;

/** `@nick` for what users type as their Telegram (`nick`, `@nick`, `t.me/nick`); other text as given; null when empty. */
export function telegramHandle(tgLink: string | null | undefined): string | null {
  const value = tgLink?.trim();
  if (!value) return null;
  const username = TELEGRAM_USERNAME.exec(value)?.[1] ?? T_ME_LINK.exec(value)?.[1];
  return username ? `@${username}` : value;
}

function fullName(partner: AnnouncedPartner): string {
  return `${partner.first_name} ${partner.last_name}`.trim() || "Участник UniMatch";
}

function describePartner(partner: AnnouncedPartner): string {
  const handle = telegramHandle(partner.tg_link);
  return handle ? `${fullName(partner)} — ${handle}` : `${fullName(partner)} (Telegram не указан, профиль есть на сайте)`;
}

function hobbiesLine(commonHobbies: string[]): string {
  const unique = [...new Set(commonHobbies.map((name) => name.trim()).filter(Boolean))];
  return unique.length > 0
    ? `Общие увлечения: ${unique.join(", ")}.`
    : "Общих увлечений в анкетах не нашлось — тем интереснее будет познакомиться!";
}

/** Who the participant meets (one partner, or both of a trio) and what they share; no greeting. */
export function groupDescription({ partners, commonHobbies }: { partners: AnnouncedPartner[]; commonHobbies: string[] }): string {
  const heading = partners.length === 1 ? "Твой собеседник на эту неделю:" : "Твои собеседники на эту неделю:";
  const people = partners.map((partner) => `• ${describePartner(partner)}`).join("\n");
  return `${heading}\n${people}\n\n${hobbiesLine(commonHobbies)}`;
}

/**
 * The announcement of a round's group to one participant: the partner (or both partners of a trio)
 * with their Telegram handles when known, and the hobbies they share.
 */
export function matchAnnouncementText({
  partners,
  commonHobbies,
  icebreaker = null,
}: {
  partners: AnnouncedPartner[];
  commonHobbies: string[];
  /** A conversation starter for the group (lib/matching/icebreakers), when the bank has one. */
  icebreaker?: string | null;
}): string {
  if (partners.length === 0) return "На этой неделе пара не подобралась. Мы обязательно попробуем снова в следующий раз!";
  const intro = partners.length === 1 ? "🎉 У тебя новая пара в UniMatch!" : "🎉 На этой неделе вас трое в UniMatch!";
  const outro = partners.length === 1 ? "Напиши первым и договоритесь о встрече!" : "Создайте общий чат и договоритесь о встрече!";
  const starter = icebreaker ? `\n\n💬 С чего начать разговор: ${icebreaker}` : "";
  return `${intro}\n\n${groupDescription({ partners, commonHobbies })}${starter}\n\n${outro}`;
}

export const botTexts = {
  welcome: (appUrl: string) =>
    "Привет! Это бот UniMatch — каждую неделю мы знакомим студентов с общими увлечениями.\n\n" +
    `Чтобы получать сюда уведомления о новой паре, войди на сайте ${appUrl} и привяжи Telegram в профиле ` +
    "(или войди через Telegram на странице " +
    `${appUrl}/tg-auth).\n\n` +
    "Команды: /match — твоя текущая пара, /pause — пауза в подборе, /resume — снова участвовать.",
  linked: (firstName: string) =>
    `Готово${firstName ? `, ${firstName}` : ""}! Telegram привязан к твоему аккаунту UniMatch. ` +
    "Сюда придёт сообщение, когда у тебя появится новая пара.\n\nКоманды: /match, /pause, /resume.",
  alreadyLinked: "Этот чат уже привязан к твоему аккаунту UniMatch — ничего делать не нужно.",
  chatTaken:
    "Этот Telegram уже привязан к другому аккаунту UniMatch, поэтому привязать его ещё раз нельзя. " +
    "Чтобы попасть в тот аккаунт, войди на сайте через Telegram.",
  codeUnknown: "Ссылка для привязки не найдена. Получи новую на сайте в профиле и открой её ещё раз.",
  codeUsed: "Эта ссылка для привязки уже использована. Если нужно привязать Telegram заново, получи новую ссылку на сайте.",
  codeExpired: "Срок действия ссылки для привязки истёк (она действует 15 минут). Получи новую на сайте.",
  notLinked: (appUrl: string) =>
    `Этот чат пока не привязан к аккаунту UniMatch. Привяжи Telegram в профиле на сайте ${appUrl} — и команда заработает.`,
  currentMatch: (description: string) => `Твоя текущая пара в UniMatch.\n\n${description}`,
  noPairYet: (nextMatchAt: string) =>
    `Пары на этой неделе у тебя пока нет. Следующий подбор — ${nextMatchAt}. Мы напишем сюда, как только найдём собеседника.`,
  paused: "Участие в подборе пар поставлено на паузу. Новых пар не будет, пока не отправишь /resume.",
  resumed: "Ты снова участвуешь в подборе пар! Новую пару подберём в ближайший раунд.",
  privateOnly: "Я работаю только в личных сообщениях — напиши мне напрямую.",
} as const;
