// Words for numbers, durations and dates on the Russian pages. Intl does the grammar (which plural
// form a number takes, month names, time zones): nothing here encodes Russian plural rules.

const LOCALE = "ru-RU";
const pluralRules = new Intl.PluralRules(LOCALE);

interface Forms {
  one: string;
  few: string;
  many: string;
}

/** The form of a word that goes with `count` ("1 день", "2 дня", "5 дней"), chosen by Intl.PluralRules. */
export function pluralForm(count: number, forms: Forms): string {
  const rule = pluralRules.select(count);
  return rule === "one" ? forms.one : rule === "few" ? forms.few : forms.many;
}

/** `count` and its word: `withWord(3, DAYS)` → "3 дня". */
export function withWord(count: number, forms: Forms): string {
  return `${count} ${pluralForm(count, forms)}`;
}

// After "через" (accusative): через 1 минуту, 2 минуты, 5 минут.
export const DAYS: Forms = { one: "день", few: "дня", many: "дней" };
export const HOURS: Forms = { one: "час", few: "часа", many: "часов" };
export const MINUTES: Forms = { one: "минуту", few: "минуты", many: "минут" };
export const SECONDS: Forms = { one: "секунду", few: "секунды", many: "секунд" };

/** A wait in the largest sensible unit, rounded up, to follow "через": "45 секунд", "15 минут", "2 часа". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return withWord(Math.max(1, Math.ceil(seconds)), SECONDS);
  if (seconds < 3600) return withWord(Math.ceil(seconds / 60), MINUTES);
  return withWord(Math.ceil(seconds / 3600), HOURS);
}

const longDate = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "30 ноября 2026 г." for an ISO date (`YYYY-MM-DD`). */
export function dateInWords(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}
