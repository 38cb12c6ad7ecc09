import { asc, eq, inArray } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { hobbies, userHobbies, type Hobby } from "@/db/schema";

export type HobbyRef = Pick<Hobby, "id" | "name">;

/** Every hobby, ordered by id. */
export function listAllHobbies(): Promise<HobbyRef[]> {
  return db.select({ id: hobbies.id, name: hobbies.name }).from(hobbies).orderBy(asc(hobbies.id));
}

/** A user's hobbies, ordered by id. */
export function listUserHobbies({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<HobbyRef[]> {
  return executor
    .select({ id: hobbies.id, name: hobbies.name })
    .from(userHobbies)
    .innerJoin(hobbies, eq(hobbies.id, userHobbies.hobbyId))
    .where(eq(userHobbies.userId, userId))
    .orderBy(asc(hobbies.id));
}

/** The ids among `ids` that name no hobby. */
export async function unknownHobbyIds({ ids, executor = db }: { ids: number[]; executor?: Executor }): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await executor.select({ id: hobbies.id }).from(hobbies).where(inArray(hobbies.id, ids));
  const known = new Set(found.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}
