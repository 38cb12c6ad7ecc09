import "server-only";
import { randomUUID } from "node:crypto";
import { log } from "@/lib/log";
import { applyCors, preflightResponse } from "./cors";
import { isDatabaseUnavailable } from "@/db/errors";
import { AppError, notFound } from "@/lib/errors";
import { refuseOversizedBody } from "./body";
import { errorResponseParts, methodNotAllowed } from "./errors";

export type Params = Record<string, string | string[] | undefined>;
export type Handler = (request: Request, params: Params) => Promise<Response>;
type RouteContext = { params: Promise<Params> };
type ExportedHandler = (request: Request, context: RouteContext) => Promise<Response>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/** A JSON response with an explicit status. */
export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

function errorResponse(error: unknown, request: Request, requestId: string): Response {
  if (error instanceof AppError) {
    const { status, body, headers } = errorResponseParts(error);
    return json(status, body, headers);
  }
  const { pathname } = new URL(request.url);
  if (isDatabaseUnavailable(error)) {
    // The driver's reason, not Drizzle's wrapper (whose message is the query text).
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    log.warn("database unavailable", { requestId, method: request.method, path: pathname, reason });
    const { status, body, headers } = errorResponseParts(databaseUnavailable());
    return json(status, body, headers);
  }
  log.error("unhandled error", {
    requestId,
    method: request.method,
    path: pathname,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return json(500, { detail: "A server error occurred.", error: "Внутренняя ошибка сервера, попробуйте позже", request_id: requestId });
}

/** The database is unreachable for now: the client may try again in a few seconds. */
function databaseUnavailable(): AppError {
  return new AppError("unavailable", "Сервис временно недоступен, попробуй через несколько секунд", {
    detail: "Service temporarily unavailable.",
    retryAfterSeconds: 5,
  });
}

async function run(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
  let response: Response;
  try {
    response = await handle();
  } catch (error) {
    response = errorResponse(error, request, requestId);
  }
  // The contract: every 401 carries the challenge, whichever error or handler produced it.
  if (response.status === 401 && !response.headers.has("WWW-Authenticate")) response.headers.set("WWW-Authenticate", 'Bearer realm="api"');
  applyCors(request, response);
  response.headers.set("X-Request-Id", requestId);
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  return response;
}

/**
 * Wraps a route's handlers in the shared pipeline: CORS and preflight, a JSON 405 with `Allow` for
 * other methods, AppErrors turned into their contract bodies, anything else logged with a request id
 * and answered 500. Use as `export const { GET, POST, … } = route({ GET: … })`.
 */
export function route(handlers: Partial<Record<Method, Handler>>): Record<Method | "OPTIONS", ExportedHandler> {
  const allowed = [...METHODS.filter((method) => handlers[method]), "OPTIONS"];
  const exported = {} as Record<Method | "OPTIONS", ExportedHandler>;
  for (const method of METHODS) {
    const handler = handlers[method];
    exported[method] = (request, context) =>
      run(request, async () => {
        if (!handler) {
          // The body limit first: a 100 MB body to a GET-only path is a 413, not a 405 after reading it all.
          await refuseOversizedBody(request);
          throw methodNotAllowed(method, allowed);
        }
        return handler(request, await context.params);
      });
  }
  exported.OPTIONS = (request) => run(request, async () => preflightResponse(request));
  return exported;
}

/** Handlers for the catch-all routes: a JSON 404 for any unknown API path, preflight answered. */
export const unknownPath: Record<Method | "OPTIONS", ExportedHandler> = (() => {
  const exported = {} as Record<Method | "OPTIONS", ExportedHandler>;
  for (const method of METHODS)
    exported[method] = (request) =>
      run(request, async () => {
        await refuseOversizedBody(request);
        throw notFound();
      });
  exported.OPTIONS = (request) => run(request, async () => preflightResponse(request));
  return exported;
})();
