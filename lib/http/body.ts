import { HttpError } from "./errors";

/** Largest accepted request body, counted as it arrives (chunked bodies included). */
export const BODY_LIMIT_BYTES = 65_536;

/**
 * How much of an oversized body is still read and dropped after the 413. A client that uploads the
 * whole body before reading the answer would otherwise write into a closed connection and get a reset
 * instead of the 413; read to its end, the connection also stays usable for the next request.
 * Past this, the connection is given up.
 */
const DISCARD_LIMIT_BYTES = 1_048_576;

export type RequestData = Record<string, unknown>;

function tooLarge(headers: Record<string, string> = {}): HttpError {
  return new HttpError("payload_too_large", { detail: "Request body is too large.", error: "Слишком большой запрос" }, headers);
}

function parseError(reason: string): HttpError {
  return new HttpError("bad_request", { detail: `JSON parse error - ${reason}`, error: "Некорректный JSON в теле запроса" });
}

/** Reads the rest of a body in the background and drops it; cancels once DISCARD_LIMIT_BYTES is passed. */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): void {
  void (async () => {
    let total = alreadyRead;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > DISCARD_LIMIT_BYTES) {
        await reader.cancel();
        return;
      }
    }
  })().catch(() => {});
}

async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  // A declared body is left unread: the server drops it after the answer. One too large even to
  // drop ends the connection after the answer instead.
  if (declared > BODY_LIMIT_BYTES) throw tooLarge(declared > DISCARD_LIMIT_BYTES ? { Connection: "close" } : {});
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > BODY_LIMIT_BYTES) {
      discardRest(reader, total);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw parseError("Invalid UTF-8 in request body");
  }
}

/**
 * Reads a JSON object body (or, where `form` is allowed, a urlencoded form) under the size limit.
 * An empty body is an empty object, as in DRF; anything else malformed is a 400/413/415 AppError.
 */
export async function readBody(request: Request, options: { form?: boolean } = {}): Promise<RequestData> {
  const bytes = await readLimited(request);
  if (bytes.byteLength === 0) return {};
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType === "application/json" || contentType.endsWith("+json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decodeUtf8(bytes));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw parseError(error instanceof Error ? error.message : "Invalid JSON");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw parseError("Expected a JSON object");
    }
    return parsed as RequestData;
  }
  if (options.form && contentType === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(decodeUtf8(bytes)));
  }
  throw new HttpError("unsupported_media_type", {
    detail: `Unsupported media type "${contentType || "none"}" in request.`,
    error: "Неподдерживаемый формат тела запроса: отправьте JSON",
  });
}

/**
 * Applies the body limit to a request whose body nobody will use (a 405, an unknown path): over
 * BODY_LIMIT_BYTES it is the 413, as it would be for the route's own methods, and the rest is not
 * read to its end; within the limit it is read and dropped.
 */
export async function refuseOversizedBody(request: Request): Promise<void> {
  await readLimited(request);
}
