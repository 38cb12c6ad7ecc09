import { inArray } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { DEFAULT_ICEBREAKERS, GENERIC_ICEBREAKERS } from "./icebreakers-seed";
import { hobbies } from "./schema/hobbies";
import { icebreakers } from "./schema/icebreakers";

export const DEFAULT_HOBBIES = [
  "Программирование",
  "Спорт",
  "Музыка",
  "Рисование",
  "Литература",
  "История",
  "Кино",
  "Фотография",
  "Путешествия",
  "Настольные игры",
  "Видеоигры",
  "Танцы",
  "Театр",
  "Кулинария",
  "Языки",
  "Наука",
  "Математика",
  "Философия",
  "Психология",
  "Бег",
  "Йога",
  "Футбол",
  "Волейбол",
  "Шахматы",
  "Аниме",
  "Мода",
  "Дизайн",
  "Волонтёрство",
  "Походы",
  "Саморазвитие",
] as const;

/** Inserts the default hobby list and their icebreakers; running it again changes nothing. */
export async function seedHobbies(db: PostgresJsDatabase<Record<string, unknown>>): Promise<number> {
  const inserted = await db
    .insert(hobbies)
    .values(DEFAULT_HOBBIES.map((name) => ({ name })))
    .onConflictDoNothing()
    .returning({ id: hobbies.id });
  await seedIcebreakers(db);
  return inserted.length;
}

/**
 * The default icebreakers, only where none exist yet: for each default hobby without a question, and
 * the generic ones when there are none. Questions staff edited or removed are not brought back.
 */
export async function seedIcebreakers(db: PostgresJsDatabase<Record<string, unknown>>): Promise<void> {
  const catalogue = await db
    .select({ id: hobbies.id, name: hobbies.name })
    .from(hobbies)
    .where(inArray(hobbies.name, Object.keys(DEFAULT_ICEBREAKERS)));
  const existing = await db.selectDistinct({ hobbyId: icebreakers.hobbyId }).from(icebreakers);
  const covered = new Set(existing.map((row) => row.hobbyId));
  const rows: Array<{ hobbyId: number | null; question: string }> = catalogue
    .filter((hobby) => !covered.has(hobby.id))
    .flatMap((hobby) => (DEFAULT_ICEBREAKERS[hobby.name] ?? []).map((question) => ({ hobbyId: hobby.id, question })));
  if (!covered.has(null)) rows.push(...GENERIC_ICEBREAKERS.map((question) => ({ hobbyId: null, question })));
  if (rows.length > 0) await db.insert(icebreakers).values(rows).onConflictDoNothing();
}
