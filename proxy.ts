import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { errorResponseParts, methodNotAllowed } from "@/lib/http/errors";
import { contentSecurityPolicy, newNonce, NONCE_HEADER, securityHeaders } from "@/lib/http/security-headers";

// Runs before the pages: gives each its security headers and a per-request CSP nonce (which Next
// reads from the request's policy header for its own scripts), and refuses methods no route answers
// (PROPFIND …) with the contract's JSON 405. The JSON API is left out: it needs no nonce, and a
// proxy would read its request bodies before the API's 64 KiB limit could refuse them; its headers
// come from next.config.ts, and TRACE/CONNECT (which never reach here) from lib/http/raw-methods.ts.

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const https = env.APP_URL.startsWith("https:");
const development = env.NODE_ENV === "development";

function withSecurityHeaders(response: NextResponse, policy: string): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, development });
  if (!METHODS.includes(request.method)) {
    const { status, body, headers } = errorResponseParts(methodNotAllowed(request.method, METHODS));
    return withSecurityHeaders(NextResponse.json(body, { status, headers: { ...headers, Connection: "close" } }), policy);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

export const config = {
  // Not the build's static files, nor the JSON API (/api, /users/api, /auth except the activation page).
  matcher: ["/((?!_next/static|_next/image|api/|users/api/|auth/(?!activate/)).*)"],
};
