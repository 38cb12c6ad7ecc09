import { AppError } from "./errors";

/** Largest accepted request body, counted as it arrives (chunked bodies included). */
export const BODY_LIMIT_BYTES = 65_536;

export type RequestData = Record<string, unknown>;

// The rest of an oversized body is never read, so the connection cannot carry another request:
// `Connection: close` tells keep-alive clients not to reuse it (they would get a reset).
function tooLarge(): AppError {
  return new AppError("payload_too_large", { detail: "Request body is too large.", error: "Слишком большой запрос" }, { Connection: "close" });
}

function parseError(reason: string): AppError {
  return new AppError("bad_request", { detail: `JSON parse error - ${reason}`, error: "Некорректный JSON в теле запроса" });
}

async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > BODY_LIMIT_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > BODY_LIMIT_BYTES) {
      await reader.cancel().catch(() => {});
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
      if (error instanceof AppError) throw error;
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
  throw new AppError("unsupported_media_type", {
    detail: `Unsupported media type "${contentType || "none"}" in request.`,
    error: "Неподдерживаемый формат тела запроса: отправьте JSON",
  });
}
