import type { NextRequest } from "next/server";
import { unknownPath } from "@/lib/http/route";
import { handlers } from "@/lib/session";

// next-auth's endpoints (OAuth redirects and callbacks, the session, sign-out). Any other path under
// /api answers the contract's JSON 404, as every unknown API path does.
const ACTIONS = /^\/api\/next-auth\/(session|csrf|providers|signout|error|signin(\/[a-z0-9-]+)?|callback\/[a-z0-9-]+)\/?$/;

function guarded(method: "GET" | "POST") {
  return (request: NextRequest, context: { params: Promise<unknown> }) =>
    ACTIONS.test(request.nextUrl.pathname) ? handlers[method](request) : unknownPath[method](request, context as never);
}

export const GET = guarded("GET");
export const POST = guarded("POST");
export const { PUT, PATCH, DELETE, OPTIONS } = unknownPath;
