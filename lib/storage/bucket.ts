import "server-only";
import { createHash } from "node:crypto";
import { AwsClient } from "aws4fetch";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** The few object operations the app needs from an S3-compatible bucket. */
export interface Bucket {
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is no such object. */
  get(key: string): Promise<Uint8Array | null>;
  /** Deletes the object; deleting one that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

interface Connection {
  client: AwsClient;
  /** `{S3_ENDPOINT}/{S3_BUCKET}`: objects are addressed path-style, which every S3-compatible service supports. */
  base: string;
}

let cached: Connection | null = null;

async function send({ client, base }: Connection, operation: string, key: string, init: RequestInit): Promise<Response> {
  try {
    // Keys are ours ([0-9a-z/.-]): the URL is sent, and signed, exactly as written.
    return await client.fetch(`${base}/${key}`, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw unavailable(operation, key, error instanceof Error ? error.message : String(error));
  }
}

function unavailable(operation: string, key: string, reason: string): AppError {
  log.error("bucket request failed", { operation, key, reason });
  return new AppError("unavailable", "Хранилище фото сейчас недоступно, попробуй позже", { detail: "Storage unavailable." });
}

/**
 * The bucket of S3_ENDPOINT/S3_BUCKET (path-style addressing, AWS Signature V4 by aws4fetch), or null
 * when none is configured. A failed request is logged and thrown as an `unavailable` AppError.
 */
export function configuredBucket(): Bucket | null {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION } = env;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) return null;
  const connection = (cached ??= {
    // Two quick retries of a 5xx or network error, not aws4fetch's default ten with growing waits.
    client: new AwsClient({
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      service: "s3",
      region: S3_REGION,
      retries: 2,
      initRetryMs: 100,
    }),
    base: `${S3_ENDPOINT}/${encodeURIComponent(S3_BUCKET)}`,
  });
  return {
    async put(key, data, contentType) {
      const checksum = createHash("sha256").update(data).digest("hex");
      const headers = { "Content-Type": contentType, "X-Amz-Content-Sha256": checksum };
      const response = await send(connection, "put", key, { method: "PUT", body: new Uint8Array(data), headers });
      if (!response.ok) throw unavailable("put", key, `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    },
    async get(key) {
      const response = await send(connection, "get", key, { method: "GET" });
      if (response.status === 404) return null;
      if (!response.ok) throw unavailable("get", key, `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async delete(key) {
      const response = await send(connection, "delete", key, { method: "DELETE" });
      if (!response.ok && response.status !== 404) throw unavailable("delete", key, `HTTP ${response.status}`);
    },
  };
}
