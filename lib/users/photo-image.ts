import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { fieldErrors } from "@/lib/validation/errors";
import { PHOTO_ERRORS, PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, PHOTO_SIDE } from "./photo-format";

// sharp's names for the formats a photo may come in: "heif" covers AVIF (and HEIC, which the
// prebuilt libvips cannot decode, so it fails as "not an image"). SVG, TIFF, PDF and the rest are refused.
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "heif"]);

export interface ProcessedPhoto {
  /** The square WebP to store. */
  webp: Uint8Array;
  /** SHA-256 of `webp`, lowercase hex. */
  hash: string;
}

const invalid = (message: string) => fieldErrors({ photo: [message] });

/**
 * Turns an upload into the stored photo: turned upright by its EXIF orientation, cropped to fill a
 * 256×256 square around the centre, encoded as WebP without metadata (no camera or location data
 * survives). Anything that is not a photo of an accepted format and size is a 400 on `photo`.
 */
export async function processPhoto({ data }: { data: Uint8Array | null }): Promise<ProcessedPhoto> {
  if (!data) throw invalid(PHOTO_ERRORS.noFile);
  if (data.byteLength === 0) throw invalid(PHOTO_ERRORS.empty);
  if (data.byteLength > PHOTO_MAX_BYTES) throw invalid(PHOTO_ERRORS.tooLarge);
  // failOn "error": phone cameras often write JPEGs with harmless warnings; a broken file still fails.
  const input = () => sharp(data, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: "error" });
  let format: string | undefined;
  try {
    ({ format } = await input().metadata());
  } catch (error) {
    throw invalid(error instanceof Error && /pixel limit/.test(error.message) ? PHOTO_ERRORS.tooManyPixels : PHOTO_ERRORS.notAnImage);
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw invalid(PHOTO_ERRORS.notAnImage);
  let webp: Buffer;
  try {
    webp = await input()
      .rotate()
      .resize(PHOTO_SIDE, PHOTO_SIDE, { fit: "cover" })
      .webp({ quality: 80 })
      .timeout({ seconds: 10 })
      .toBuffer();
  } catch {
    // The header looked right but the pixels do not decode (truncated, corrupt, HEVC-coded HEIC).
    throw invalid(PHOTO_ERRORS.notAnImage);
  }
  return { webp, hash: createHash("sha256").update(webp).digest("hex") };
}
