import { z } from "zod";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const BACKENDS = ["google-oauth2", "yandex-oauth2", "vk-oauth2"] as const;
export type Backend = (typeof BACKENDS)[number];

/** Who the provider says the token belongs to. `email` is set only when the provider vouches for it. */
export interface ProviderProfile {
  uid: string;
  verifiedEmail: string | null;
  firstName: string;
  lastName: string;
}

/** The provider refused the token (any non-2xx answer, or an answer naming no account). */
export class ProviderRejected extends Error {}
/** The provider could not be asked (network error, timeout). */
export class ProviderUnavailable extends Error {}

const TIMEOUT_MS = 10_000;
const name = z
  .string()
  .catch("")
  .optional()
  .transform((value) => value ?? "");
// Provider ids are short printable ASCII (digits in practice); anything else is not an account we can key on.
const uid = z.union([z.string().regex(/^[\x21-\x7e]{1,255}$/), z.int().transform(String)]);

// Google's OpenID Connect userinfo (`Authorization: Bearer`).
const googleUser = z.object({
  sub: uid,
  email: z.string().optional().catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")])
    .optional()
    .catch(false),
  given_name: name,
  family_name: name,
});

// Yandex ID's login.yandex.ru/info (`Authorization: OAuth`): the default email is a confirmed one.
const yandexUser = z.object({ id: uid, default_email: z.string().optional().catch(undefined), first_name: name, last_name: name });

// VK API users.get (`access_token` and `v` as form parameters): `{response: [user]}`, or `{error}` with a 200.
const vkUsers = z.object({ response: z.array(z.unknown()).min(1) });

const VK_API_VERSION = "5.199";

async function ask(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    log.warn("oauth provider unreachable", { host: new URL(url).host, error: error instanceof Error ? error.message : String(error) });
    throw new ProviderUnavailable();
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ProviderRejected();
  }
  try {
    return await response.json();
  } catch {
    throw new ProviderRejected();
  }
}

function parse<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ProviderRejected();
  return result.data;
}

/** Asks the backend's user-info endpoint who `token` belongs to; throws ProviderRejected / ProviderUnavailable. */
const vkUser = z.object({ id: uid, first_name: name, last_name: name });

/**
 * A provider's user-info answer as the profile we sign in with (the same parsing for
 * /auth/convert-token/ and the web pages' OAuth sign-in). VK vouches for no email: never one to link by.
 */
export function providerProfileFrom({ backend, userInfo }: { backend: Backend; userInfo: unknown }): ProviderProfile {
  if (backend === "google-oauth2") {
    const user = parse(googleUser, userInfo);
    return {
      uid: user.sub,
      verifiedEmail: user.email_verified === true ? (user.email ?? null) : null,
      firstName: user.given_name,
      lastName: user.family_name,
    };
  }
  if (backend === "yandex-oauth2") {
    const user = parse(yandexUser, userInfo);
    return { uid: user.id, verifiedEmail: user.default_email ?? null, firstName: user.first_name, lastName: user.last_name };
  }
  const user = parse(vkUser, userInfo);
  return { uid: user.id, verifiedEmail: null, firstName: user.first_name, lastName: user.last_name };
}

export async function fetchProviderProfile({ backend, token }: { backend: Backend; token: string }): Promise<ProviderProfile> {
  if (backend === "google-oauth2") {
    const userInfo = await ask(env.OAUTH_GOOGLE_USERINFO_URL, { headers: { authorization: `Bearer ${token}` } });
    return providerProfileFrom({ backend, userInfo });
  }
  if (backend === "yandex-oauth2") {
    const userInfo = await ask(env.OAUTH_YANDEX_USERINFO_URL, { headers: { authorization: `OAuth ${token}` } });
    return providerProfileFrom({ backend, userInfo });
  }
  const body = new URLSearchParams({ access_token: token, v: VK_API_VERSION });
  const { response } = parse(vkUsers, await ask(env.OAUTH_VK_USERINFO_URL, { method: "POST", body }));
  return providerProfileFrom({ backend, userInfo: response[0] });
}
