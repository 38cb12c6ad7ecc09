import { clientIp } from "@/lib/http/request";
import { notFound } from "@/lib/errors";
import { requireStaff, requireUser } from "@/lib/http/auth";
import type { Params } from "@/lib/http/route";
import { readBody } from "@/lib/http/body";
import { setRefreshCookie } from "@/lib/http/cookies";
import { json } from "@/lib/http/route";
import { parseWith } from "@/lib/validation/errors";
import { findProfileByChatId, getProfile } from "@/lib/users/queries";
import { registerSchema, updateProfileSchema } from "@/lib/users/schema";
import { serializeUser, type Generation } from "@/lib/users/serialize";
import { registerUser, updateProfile } from "@/lib/users/service";

export function register(generation: Generation) {
  return async (request: Request): Promise<Response> => {
    const input = parseWith(registerSchema, await readBody(request));
    const { profile, tokens, legacyKey } = await registerUser({ input, ip: clientIp(request) });
    const body = { user: serializeUser(profile, generation), refresh: tokens.refresh, access: tokens.access, token: legacyKey };
    return setRefreshCookie(json(201, body), tokens.refresh);
  };
}

export function showMe(generation: Generation) {
  return async (request: Request): Promise<Response> => {
    const user = await requireUser(request);
    return json(200, serializeUser((await getProfile({ userId: user.id }))!, generation));
  };
}

export function updateMe(generation: Generation) {
  return async (request: Request): Promise<Response> => {
    const user = await requireUser(request);
    const input = parseWith(updateProfileSchema, await readBody(request));
    return json(200, serializeUser(await updateProfile({ userId: user.id, input }), generation));
  };
}

/** Staff (API.md §8): the generation-2 user whose linked Telegram chat is `chat_id`, or 404. */
export async function userByChatId(request: Request, params: Params): Promise<Response> {
  await requireStaff(request);
  const chatId = typeof params.chat_id === "string" ? params.chat_id : "";
  const profile = await findProfileByChatId({ chatId });
  if (!profile) throw notFound("Пользователь с таким chat_id не найден");
  return json(200, serializeUser(profile, 2));
}
