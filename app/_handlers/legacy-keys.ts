import { deleteLegacyKey, mintLegacyKey } from "@/lib/auth/legacy-keys";
import { checkCredentials } from "@/lib/users/login";
import { legacyLoginSchema, UNABLE_TO_LOG_IN } from "@/lib/auth/schema";
import { requireAuth } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { invalidLegacyKey, notAuthenticated } from "@/lib/http/errors";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";
import { fieldErrors, parseWith } from "@/lib/validation/errors";

/** djoser's token login: a new legacy key per login (`auth_token`, and `token` for older clients). */
export async function legacyLogin(request: Request): Promise<Response> {
  const input = parseWith(legacyLoginSchema, await readBody(request, { form: true }));
  const user = await checkCredentials({ email: input.email, password: input.password, ip: clientIp(request) });
  if (!user) throw fieldErrors({ non_field_errors: [UNABLE_TO_LOG_IN] });
  const key = await mintLegacyKey({ userId: user.id });
  return json(200, { auth_token: key, token: key });
}

/** djoser's token logout: deletes exactly the key the request was authenticated with. */
export async function legacyLogout(request: Request): Promise<Response> {
  const auth = await requireAuth(request);
  // Only a legacy key can be logged out here; a JWT or OAuth caller has no key to delete.
  if (!auth.legacyKey) throw notAuthenticated();
  if (!(await deleteLegacyKey(auth.legacyKey))) throw invalidLegacyKey();
  return new Response(null, { status: 204 });
}
