import { grantTokens, revokeTokenForClient } from "@/lib/auth/oauth/grants";
import { readBody } from "@/lib/http/body";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";

// drf-social-oauth2's endpoints (API.md §6): form or JSON bodies, RFC 6749 error bodies.

export async function tokenEndpoint(request: Request): Promise<Response> {
  const tokens = await grantTokens({ data: await readBody(request, { form: true }), ip: clientIp(request) });
  return json(200, tokens, { Pragma: "no-cache" });
}

export async function revokeTokenEndpoint(request: Request): Promise<Response> {
  await revokeTokenForClient({ data: await readBody(request, { form: true }), ip: clientIp(request) });
  return new Response(null, { status: 204 });
}
