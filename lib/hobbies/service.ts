import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { userHobbies, users } from "@/db/schema";
import { fieldErrors } from "@/lib/validation/errors";
import { unknownHobbyIds } from "./queries";

/** Throws DRF's 400 for the first id that names no hobby. */
export async function assertHobbiesExist({ ids, executor = db }: { ids: number[]; executor?: Executor }): Promise<void> {
  const [unknown] = await unknownHobbyIds({ ids, executor });
  if (unknown !== undefined) throw fieldErrors({ hobby: [`Invalid pk "${unknown}" - object does not exist.`] });
}

/** Makes `hobbyIds` the user's complete hobby set. Call inside a transaction with the rest of the change. */
export async function replaceUserHobbies({
  userId,
  hobbyIds,
  executor,
}: {
  userId: number;
  hobbyIds: number[];
  executor: Executor;
}): Promise<void> {
  await assertHobbiesExist({ ids: hobbyIds, executor });
  // Concurrent replacements of one user's set (double click, two tabs) take turns on the user's row:
  // otherwise both delete the old set, then the second insert collides with the first's rows.
  await executor.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  await executor.delete(userHobbies).where(eq(userHobbies.userId, userId));
  if (hobbyIds.length > 0) await executor.insert(userHobbies).values(hobbyIds.map((hobbyId) => ({ userId, hobbyId })));
}

/** Replaces the user's hobby set in one transaction and returns the new ids. */
export async function setUserHobbies({ userId, hobbyIds }: { userId: number; hobbyIds: number[] }): Promise<number[]> {
  await db.transaction((tx) => replaceUserHobbies({ userId, hobbyIds, executor: tx }));
  return [...hobbyIds].sort((a, b) => a - b);
}
