import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { db, onFirstUse, type Executor } from "@/db/client";
import { users, type User } from "@/db/schema";
import { listUserHobbies, type HobbyRef } from "@/lib/hobbies/queries";

export interface Profile {
  user: User;
  hobbies: HobbyRef[];
}

// Prepared once: this lookup runs on every authenticated request.
const activeUserById = onFirstUse(() =>
  db
    .select()
    .from(users)
    .where(and(eq(users.id, sql.placeholder("userId")), eq(users.isActive, true)))
    .limit(1)
    .prepare("active_user_by_id"),
);

/** An active user by id, or null. */
export async function getActiveUser({ userId }: { userId: number }): Promise<User | null> {
  const [user] = await activeUserById().execute({ userId });
  return user ?? null;
}

/** A user by id whatever their status, or null. */
export async function findUserById({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<User | null> {
  const [user] = await executor.select().from(users).where(eq(users.id, userId)).limit(1);
  return user ?? null;
}

/** A user by email, compared case-insensitively, or null. */
export async function findUserByEmail({ email, executor = db }: { email: string; executor?: Executor }): Promise<User | null> {
  const [user] = await executor
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return user ?? null;
}

/** A user with their hobbies, or null. */
export async function getProfile({ userId, executor = db }: { userId: number; executor?: Executor }): Promise<Profile | null> {
  const [user] = await executor.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return null;
  return { user, hobbies: await listUserHobbies({ userId, executor }) };
}

/** The user linked to the Telegram chat `chatId`, or null. */
export async function findUserByChatId({ chatId, executor = db }: { chatId: string; executor?: Executor }): Promise<User | null> {
  const [user] = await executor.select().from(users).where(eq(users.chatId, chatId)).limit(1);
  return user ?? null;
}

// The shape the users table allows for chat_id (Telegram's chat ids are integers).
const CHAT_ID = /^-?[0-9]{1,20}$/;

/** The user linked to a Telegram chat, with their hobbies, or null (also for text that is no chat id). */
export async function findProfileByChatId({ chatId }: { chatId: string }): Promise<Profile | null> {
  if (!CHAT_ID.test(chatId)) return null;
  const user = await findUserByChatId({ chatId });
  return user ? { user, hobbies: await listUserHobbies({ userId: user.id }) } : null;
}

/** Profile photo paths of the given users (those without a photo are absent). */
export async function photosOfUsers({ userIds }: { userIds: number[] }): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, image: users.image })
    .from(users)
    .where(and(inArray(users.id, userIds), isNotNull(users.image)));
  return new Map(rows.map((row) => [row.id, row.image!]));
}
