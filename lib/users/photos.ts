import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { userPhotos, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { configuredBucket, type Bucket } from "@/lib/storage/bucket";
import { parsePhotoFileName, photoFileName, photoFileOf, PHOTO_ROUTE } from "./photo-format";
import { processPhoto } from "./photo-image";

// A profile photo is a 256×256 WebP named by its content (photo-format.ts), kept in user_photos or,
// when S3_* is configured, in the bucket under photos/<file>. users.image names the current one: a
// file is served only while it does, so a replaced or removed photo is gone at once for everybody.
// Deleting a user deletes the user_photos row (ON DELETE CASCADE); a bucket object outlives its user
// (nothing links to it any more, and it is not served: no users.image names it).

const objectKey = (file: string) => `photos/${file}`;

/** Deletes a replaced bucket object after the commit; a failure leaves an orphan that is never served. */
async function deleteObject(bucket: Bucket, file: string | null): Promise<void> {
  if (!file) return;
  await bucket.delete(objectKey(file)).catch((error: unknown) => log.warn("photo object not deleted", { file, error: String(error) }));
}

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
  const file = photoFileName(userId, hash);
  const image = `${PHOTO_ROUTE}${file}`;
  const bucket = configuredBucket();
  // The object exists before any row names it. If the transaction then fails, it stays unnamed and
  // unserved: deleting it could remove the very file a concurrent upload of the same photo just named.
  if (bucket) await bucket.put(objectKey(file), webp, "image/webp");
  const previous = await db.transaction(async (tx) => {
    const current = await lockImage(tx, userId);
    if (bucket) {
      // A photo kept in the database before the bucket was configured is replaced by this one.
      await tx.delete(userPhotos).where(eq(userPhotos.userId, userId));
    } else {
      await tx
        .insert(userPhotos)
        .values({ userId, hash, data: webp })
        .onConflictDoUpdate({ target: userPhotos.userId, set: { hash, data: webp, updatedAt: sql`now()` } });
    }
    await tx.update(users).set({ image, updatedAt: new Date() }).where(eq(users.id, userId));
    return current;
  });
  const previousFile = photoFileOf(previous);
  if (bucket && previousFile !== file) await deleteObject(bucket, previousFile);
  return image;
}

/** Removes the user's profile photo (users.image becomes null); nothing happens when there is none. */
export async function removeProfilePhoto({ userId }: { userId: number }): Promise<void> {
  const previous = await db.transaction(async (tx) => {
    const current = await lockImage(tx, userId);
    await tx.delete(userPhotos).where(eq(userPhotos.userId, userId));
    if (current !== null) await tx.update(users).set({ image: null, updatedAt: new Date() }).where(eq(users.id, userId));
    return current;
  });
  const bucket = configuredBucket();
  if (bucket) await deleteObject(bucket, photoFileOf(previous));
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
  if (stored) return stored.hash.startsWith(parsed.hashPrefix) ? stored.data : null;
  const bucket = configuredBucket();
  if (!bucket) return null;
  const [user] = await db.select({ image: users.image }).from(users).where(eq(users.id, parsed.userId));
  if (photoFileOf(user?.image ?? null) !== file) return null;
  return bucket.get(objectKey(file));
}
