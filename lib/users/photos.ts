import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { userPhotos, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { parsePhotoFileName, photoFileName, PHOTO_ROUTE } from "./photo-format";
import { processPhoto } from "./photo-image";

// A profile photo is a 256×256 WebP named by its content (photo-format.ts), kept in user_photos.
// users.image names the current one: a file is served only while it does, so a replaced or removed
// photo is gone at once for everybody. Deleting a user deletes the row (ON DELETE CASCADE).

/** The users.image of a user, locking their row until the transaction ends; not_found for no such user. */
async function lockImage(tx: Transaction, userId: number): Promise<string | null> {
  const [user] = await tx.select({ image: users.image }).from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw notFound("Пользователь не найден");
  return user.image;
}

/**
 * Makes `data` (an uploaded image) the user's profile photo and returns its path, the new
 * users.image. A file that is no accepted image, or too large, is a 400 on `photo` and writes
 * nothing. The photo and users.image change in one transaction; the previous photo is replaced.
 */
export async function setProfilePhoto({ userId, data }: { userId: number; data: Uint8Array | null }): Promise<string> {
  const { webp, hash } = await processPhoto({ data });
  const image = `${PHOTO_ROUTE}${photoFileName(userId, hash)}`;
  await db.transaction(async (tx) => {
    await lockImage(tx, userId);
    await tx
      .insert(userPhotos)
      .values({ userId, hash, data: webp })
      .onConflictDoUpdate({ target: userPhotos.userId, set: { hash, data: webp, updatedAt: sql`now()` } });
    await tx.update(users).set({ image, updatedAt: new Date() }).where(eq(users.id, userId));
  });
  return image;
}

/** Removes the user's profile photo (users.image becomes null); nothing happens when there is none. */
export async function removeProfilePhoto({ userId }: { userId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockImage(tx, userId);
    await tx.delete(userPhotos).where(eq(userPhotos.userId, userId));
    if (current !== null) await tx.update(users).set({ image: null, updatedAt: new Date() }).where(eq(users.id, userId));
  });
}

/**
 * The WebP bytes of a photo file name (`<user id>-<hash>.webp`) while it is that user's current
 * photo; null for any other name, a replaced or removed photo, or a deleted user.
 */
export async function readProfilePhoto({ file }: { file: string }): Promise<Uint8Array | null> {
  const parsed = parsePhotoFileName(file);
  if (!parsed) return null;
  const [stored] = await db
    .select({ hash: userPhotos.hash, data: userPhotos.data })
    .from(userPhotos)
    .where(eq(userPhotos.userId, parsed.userId));
  return stored?.hash.startsWith(parsed.hashPrefix) ? stored.data : null;
}
