import { env } from "@/lib/env";

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOWED_HEADERS = "authorization, content-type, x-requested-with, x-csrftoken, accept, accept-language";

/** True for the app's own origin and the SPA origins listed in CORS_ORIGINS. */
export function isTrustedOrigin(origin: string): boolean {
  return origin === env.APP_URL || env.CORS_ORIGINS.includes(origin);
}

/** Adds credentialed CORS headers for a listed origin (never `*`); every API answer varies by Origin. */
export function applyCors(request: Request, response: Response): void {
  response.headers.append("Vary", "Origin");
  const origin = request.headers.get("origin");
  if (!origin || !env.CORS_ORIGINS.includes(origin)) return;
  response.headers.set("Access-Control-Allow-Origin", origin);
  response.headers.set("Access-Control-Allow-Credentials", "true");
  response.headers.set("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate, X-Request-Id");
}

/** The answer to a preflight request for any API path. */
export function preflightResponse(request: Request): Response {
  const response = new Response(null, { status: 204 });
  if (env.CORS_ORIGINS.includes(request.headers.get("origin") ?? "")) {
    response.headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
    response.headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    response.headers.set("Access-Control-Max-Age", "86400");
  }
  response.headers.set("Allow", ALLOWED_METHODS);
  return response;
}
