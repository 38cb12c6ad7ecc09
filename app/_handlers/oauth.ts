import { grantTokens, revokeTokenForClient } from "@/lib/users/oauth-grants";
import { readBody, type RequestData } from "@/lib/http/body";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";

// drf-social-oauth2's endpoints (API.md §6): form or JSON bodies, RFC 6749 error bodies.

/**
 * The request's parameters, with the client credentials taken from `Authorization: Basic` when the
 * body has none (RFC 6749 §2.3.1: each part form-encoded, then base64; oauthlib accepts both forms).
 */
async function oauthParameters(request: Request): Promise<RequestData> {
  const data = await readBody(request, { form: true });
  const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (!basic || data.client_id !== undefined || data.client_secret !== undefined) return data;
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return data;
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
    return { ...data, client_id: formDecode(decoded.slice(0, separator)), client_secret: formDecode(decoded.slice(separator + 1)) };
  } catch {
    return data;
  }
}

export async function tokenEndpoint(request: Request): Promise<Response> {
  const tokens = await grantTokens({ data: await oauthParameters(request), ip: clientIp(request) });
  return json(200, tokens, { Pragma: "no-cache" });
}

export async function revokeTokenEndpoint(request: Request): Promise<Response> {
  await revokeTokenForClient({ data: await oauthParameters(request), ip: clientIp(request) });
  return new Response(null, { status: 204 });
}
