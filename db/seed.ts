import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { hobbies } from "./schema/hobbies";

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

/** Inserts the default hobby list; running it again changes nothing. */
export async function seedHobbies(db: PostgresJsDatabase<Record<string, unknown>>): Promise<number> {
  const inserted = await db
    .insert(hobbies)
    .values(DEFAULT_HOBBIES.map((name) => ({ name })))
    .onConflictDoNothing()
    .returning({ id: hobbies.id });
  return inserted.length;
}
