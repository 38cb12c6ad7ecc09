import { asc, eq, inArray, sql } from "drizzle-orm";
import { db, onFirstUse, type Executor } from "@/db/client";
import { hobbies, userHobbies, type Hobby } from "@/db/schema";

export type HobbyRef = Pick<Hobby, "id" | "name">;

// The catalogue changes only when hobbies are seeded, and nearly every page and API read shows it.
const CATALOGUE_TTL_MS = 60_000;
let catalogue: { hobbies: Promise<HobbyRef[]>; loadedAt: number } | null = null;

/** Every hobby, ordered by id (cached in-process for a minute). */
export function listAllHobbies(): Promise<HobbyRef[]> {
  if (!catalogue || Date.now() - catalogue.loadedAt > CATALOGUE_TTL_MS) {
    // execute(): a Drizzle query is lazy and would run again for every `await` of the cached builder.
    const loading = db.select({ id: hobbies.id, name: hobbies.name }).from(hobbies).orderBy(asc(hobbies.id)).execute();
    loading.catch(() => (catalogue = null));
    catalogue = { hobbies: loading, loadedAt: Date.now() };
  }
  return catalogue.hobbies;
}

function userHobbiesQuery(executor: Executor, userId: number | ReturnType<typeof sql.placeholder>) {
  return executor
    .select({ id: hobbies.id, name: hobbies.name })
    .from(userHobbies)
    .innerJoin(hobbies, eq(hobbies.id, userHobbies.hobbyId))
    .where(eq(userHobbies.userId, userId))
    .orderBy(asc(hobbies.id));
}

// Prepared once for the common case outside a transaction (profile and hobby reads).
const userHobbiesById = onFirstUse(() => userHobbiesQuery(db, sql.placeholder("userId")).prepare("user_hobbies_by_id"));

/** A user's hobbies, ordered by id. */
export function listUserHobbies({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<HobbyRef[]> {
  return executor === db ? userHobbiesById().execute({ userId }) : userHobbiesQuery(executor, userId);
}

/** The ids among `ids` that name no hobby. */
export async function unknownHobbyIds({ ids, executor = db }: { ids: number[]; executor?: Executor }): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await executor.select({ id: hobbies.id }).from(hobbies).where(inArray(hobbies.id, ids));
  const known = new Set(found.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}
