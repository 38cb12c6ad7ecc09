// Real images made with sharp for the photo tests, and a look at what the app stored.
import sharp from "sharp";

export type SampleFormat = "jpeg" | "png" | "webp" | "gif" | "avif";

/** A `width`×`height` image in `format`: the top half red, the bottom half blue. */
export async function sampleImage(
  format: SampleFormat,
  { width = 480, height = 320, orientation }: { width?: number; height?: number; orientation?: number } = {},
): Promise<Buffer> {
  const half = Math.floor(height / 2);
  const image = sharp({ create: { width, height, channels: 3, background: "#ff0000" } }).composite([
    { input: { create: { width, height: height - half, channels: 3, background: "#0000ff" } }, top: half, left: 0 },
  ]);
  const flat = await image.png().toBuffer();
  const encoded = sharp(flat).toFormat(format);
  return orientation ? encoded.withMetadata({ orientation }).toBuffer() : encoded.toBuffer();
}

/** A PNG of a few hundred kilobytes that decodes to `megapixels` million pixels (a decompression bomb). */
export function hugePng(megapixels: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(megapixels * 1_000_000));
  return sharp({ create: { width: side, height: side, channels: 3, background: "#ffffff" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Format, size and the colour at (x, y) of stored image bytes. */
export async function inspect(
  bytes: Uint8Array,
  x = 0,
  y = 0,
): Promise<{ format?: string; width?: number; height?: number; pixel: number[] }> {
  const { format, width, height } = await sharp(bytes).metadata();
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return { format, width, height, pixel: [...data.subarray(offset, offset + 3)] };
}

/** Whether an RGB pixel is mostly red or mostly blue. */
export function hue([red = 0, , blue = 0]: number[]): "red" | "blue" | "other" {
  if (red > 180 && blue < 80) return "red";
  if (blue > 180 && red < 80) return "blue";
  return "other";
}
