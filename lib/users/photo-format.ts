// What a profile photo is, as plain data: the limits of an upload and how a stored photo is named and
// addressed. Pure on purpose: next.config.ts (the server actions' body limit) and the browser form
// (a check before uploading) import it too.

/** The largest upload accepted, in bytes (5 MiB). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** The largest image accepted, in pixels (width × height) once decoded: guards against decompression bombs. */
export const PHOTO_MAX_PIXELS = 50_000_000;

/** The side of the stored square photo, in pixels. */
export const PHOTO_SIDE = 256;

/**
 * Why an upload is refused, in Django REST framework's words (FileField, ImageField; ours for the two
 * limits). lib/validation/errors.ts turns each into the Russian sentence people see.
 */
export const PHOTO_ERRORS = {
  noFile: "No file was submitted.",
  empty: "The submitted file is empty.",
  notAnImage: "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
  tooLarge: `The submitted file is larger than ${PHOTO_MAX_BYTES / 1024 / 1024} MiB.`,
  tooManyPixels: `The image is larger than ${PHOTO_MAX_PIXELS / 1_000_000} megapixels.`,
} as const;

/** Where the app serves the photos; users.image holds this prefix and the file name. */
export const PHOTO_ROUTE = "/api/photos/";

// `<user id>-<first 12 hex digits of the WebP's SHA-256>.webp`: a new photo gets a new name.
const PHOTO_FILE = /^([1-9][0-9]{0,9})-([0-9a-f]{12})\.webp$/;

/** The file name of a user's photo whose bytes hash (SHA-256, hex) to `hash`. */
export function photoFileName(userId: number, hash: string): string {
  return `${userId}-${hash.slice(0, 12)}.webp`;
}

/** The user id and hash prefix a photo file name carries, or null for any other text. */
export function parsePhotoFileName(file: string): { userId: number; hashPrefix: string } | null {
  const match = PHOTO_FILE.exec(file);
  if (!match) return null;
  const userId = Number(match[1]);
  return Number.isSafeInteger(userId) && userId <= 2_147_483_647 ? { userId, hashPrefix: match[2]! } : null;
}

/** The file name in a users.image value that is one of this app's photos, or null. */
export function photoFileOf(image: string | null): string | null {
  if (!image?.startsWith(PHOTO_ROUTE)) return null;
  const file = image.slice(PHOTO_ROUTE.length);
  return parsePhotoFileName(file) ? file : null;
}

/**
 * The URL a client gets for users.image: this app's photo path resolved against `origin` (pass ""
 * for a same-origin path), an absolute http(s) URL as it is, and null for anything else — such as a
 * Django media file name brought by the import, which nothing serves any more.
 */
export function photoUrl(image: string | null, origin: string): string | null {
  if (photoFileOf(image)) return `${origin}${image}`;
  return image && /^https?:\/\//i.test(image) ? image : null;
}
