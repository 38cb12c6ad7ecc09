import { z } from "zod";
import { convertTokenSchema, passwordGrantSchema, refreshGrantSchema, revokeTokenSchema } from "@/lib/auth/oauth/schema";
import {
  legacyLoginSchema,
  refreshBodySchema,
  sessionLoginSchema,
  sessionRefreshSchema,
  tokenObtainSchema,
  verifyBodySchema,
} from "@/lib/auth/schema";
import { telegramLoginSchema } from "@/lib/telegram/login-widget";
import {
  activationSchema,
  deleteMeSchema,
  djoserCreateSchema,
  emailSchema,
  resetConfirmSchema,
  setPasswordSchema,
} from "@/lib/users/djoser-schema";
import { hobbySetSchema, registerSchema, updateProfileSchema } from "@/lib/users/schema";

// The OpenAPI description is generated from the same zod schemas the route handlers validate with.

const hobby = z.object({ id: z.int(), name: z.string() });
const userBase = {
  id: z.int(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  age: z.int().nullable(),
  chat_id: z.string().nullable(),
  image: z.string().nullable().meta({ description: "Absolute URL of the profile photo (a 256×256 WebP), or null" }),
  tg_link: z.string().nullable(),
  is_active_pair: z.boolean(),
};
const gen2User = z.object({ ...userBase, birth: z.string().nullable().meta({ description: "DD-MM-YYYY" }), hobby: z.array(z.int()) });
const gen3User = z.object({ ...userBase, birth: z.string().nullable().meta({ description: "YYYY-MM-DD" }), hobby: z.array(hobby) });
const tokenPair = z.object({ refresh: z.string(), access: z.string() });
const partner = z.object({
  id: z.int(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  tg_link: z.string().nullable(),
  hobby: z.array(hobby),
});
const pairEntry = z.object({
  id: z.int(),
  partner,
  common_hobby: z.array(hobby),
  created_at: z.string().meta({ description: "YYYY-MM-DD, the round's date in MATCH_TZ" }),
  partners: z.array(partner).optional().meta({ description: "On the current entries of a trio" }),
});
const countdown = z.object({ days_left: z.int(), hours_left: z.int(), minutes_left: z.int(), next_match_at: z.string() });
const error = z
  .object({ error: z.string().meta({ description: "One Russian sentence for people" }), detail: z.string().optional() })
  .catchall(z.unknown())
  .meta({ description: "DRF-style keys (detail, field: [messages], non_field_errors) plus error" });

type Schema = z.ZodType;
interface Operation {
  summary: string;
  auth?: boolean;
  body?: Schema;
  form?: boolean;
  /** Path parameters, by name, with a description each. */
  path?: Record<string, string>;
  responses: Record<number, { description: string; schema?: Schema }>;
}

const json = (schema: Schema, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

function operation({ summary, auth, body, form, path, responses }: Operation) {
  const content = (schema: Schema) => ({
    "application/json": { schema: json(schema, "input") },
    ...(form ? { "application/x-www-form-urlencoded": { schema: json(schema, "input") } } : {}),
  });
  return {
    summary,
    ...(auth ? { security: [{ bearer: [] }, { legacyKey: [] }] } : {}),
    ...(path
      ? {
          parameters: Object.entries(path).map(([name, description]) => ({
            name,
            in: "path",
            required: true,
            description,
            schema: { type: "string" },
          })),
        }
      : {}),
    ...(body ? { requestBody: { required: true, content: content(body) } } : {}),
    responses: Object.fromEntries(
      Object.entries({ ...responses, ...(auth ? { 401: { description: "Not authenticated", schema: error } } : {}) }).map(
        ([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema ? { content: { "application/json": { schema: json(response.schema, "output") } } } : {}),
          },
        ],
      ),
    ),
  };
}

const badRequest = { description: "Field errors", schema: error };
const me2 = {
  get: operation({ summary: "The current user (generation 2)", auth: true, responses: { 200: { description: "User", schema: gen2User } } }),
};
const update2 = operation({
  summary: "Update the profile",
  auth: true,
  body: updateProfileSchema,
  responses: { 200: { description: "User", schema: gen2User }, 400: badRequest },
});
const hobbyNames = operation({
  summary: "The user's hobby names",
  auth: true,
  responses: { 200: { description: "Names", schema: z.array(z.string()) } },
});
const hobbyPatch = operation({
  summary: "Replace the user's hobby set",
  auth: true,
  body: hobbySetSchema,
  responses: { 200: { description: "The new ids", schema: z.array(z.int()) }, 400: badRequest },
});
const allHobbies = operation({ summary: "Every hobby, by id", responses: { 200: { description: "Hobbies", schema: z.array(hobby) } } });
const totals = operation({
  summary: "The user's and all hobbies",
  auth: true,
  responses: { 200: { description: "Hobbies", schema: z.object({ user_tags: z.array(hobby), all_tags: z.array(hobby) }) } },
});
const icebreaker = operation({
  summary: "The conversation starter of the caller's group in the latest round (null when not matched in it)",
  auth: true,
  responses: { 200: { description: "Icebreaker", schema: z.object({ icebreaker: z.string().nullable() }) } },
});
const daysToMatch = operation({
  summary: "Time until the next weekly round",
  responses: { 200: { description: "Countdown", schema: countdown } },
});
const noBot = { description: "No bot configured", schema: error };
const tgAuth = (user: Schema) =>
  operation({
    summary: "Telegram Login Widget sign-in; links the Telegram account to the caller when logged in",
    body: telegramLoginSchema,
    responses: {
      200: {
        description: "Logged in to the account linked to this Telegram user (refresh cookie set)",
        schema: z.object({ access: z.string(), refresh: z.string(), user }),
      },
      201: {
        description: "Linked to the caller, or a new account created (refresh cookie set)",
        schema: z.object({ access: z.string(), refresh: z.string(), user }),
      },
      400: {
        description: 'Field errors, or exactly {"error": "Invalid tg auth"} for a bad signature or a stale/future auth_date',
        schema: error,
      },
      409: { description: "The Telegram account is linked to another user", schema: error },
      429: { description: "Too many failed checks", schema: error },
      503: noBot,
    },
  });
const linkCode = operation({
  summary: "A one-time code (15 minutes) and its t.me link that links the bot chat to the caller",
  auth: true,
  responses: { 201: { description: "Code", schema: z.object({ code: z.string(), url: z.string(), expires_at: z.string() }) }, 503: noBot },
});

const legacyLogin = operation({
  summary: "Generation 1: log in for a new legacy key",
  body: legacyLoginSchema,
  form: true,
  responses: {
    200: { description: "Key", schema: z.object({ auth_token: z.string(), token: z.string() }) },
    400: { description: "Wrong credentials or field errors", schema: error },
    429: { description: "Too many failed attempts", schema: error },
  },
});
const legacyLogout = operation({
  summary: "Generation 1: delete the key the request carries (Authorization: Token k)",
  auth: true,
  responses: { 204: { description: "Key deleted" } },
});
const sessionTokens = z.object({ access_token: z.string(), refresh_token: z.string(), token_type: z.literal("bearer") });
const sessionUser = gen2User.extend({ username: z.string().nullable(), is_admin: z.boolean(), is_active: z.boolean() });
const oauthTokens = z.object({
  access_token: z.string(),
  expires_in: z.int(),
  token_type: z.literal("Bearer"),
  scope: z.string(),
  refresh_token: z.string(),
});
const oauthError = z.object({
  error: z.string().meta({ description: "RFC 6749 error code" }),
  error_description: z.string().meta({ description: "One Russian sentence for people" }),
});
const grant = <Shape extends z.ZodRawShape>(name: string, schema: z.ZodObject<Shape>) => schema.extend({ grant_type: z.literal(name) });
const oauthResponses = {
  200: { description: "Token pair", schema: oauthTokens },
  400: { description: "invalid_request, invalid_grant or unsupported_grant_type", schema: oauthError },
  401: { description: "invalid_client", schema: oauthError },
};
const createPairs = operation({
  summary: "Staff: run this slot's matching round (or return the one that already ran) and announce it",
  auth: true,
  responses: {
    201: {
      description: "The round's statistics",
      schema: z.object({ round_id: z.int(), groups: z.int(), trios: z.int(), pct_with_common: z.number(), repeats: z.int() }),
    },
    403: { description: "Not staff", schema: error },
  },
});

const paths: Record<string, Record<string, unknown>> = {
  "/auth/token/login/": { post: legacyLogin },
  "/api/auth/token/login/": { post: legacyLogin },
  "/auth/token/logout/": { post: legacyLogout },
  "/api/auth/token/logout/": { post: legacyLogout },
  "/auth/login": {
    post: operation({
      summary: "Session API: log in (also sets the refresh_token cookie)",
      body: sessionLoginSchema,
      form: true,
      responses: {
        200: { description: "Tokens", schema: sessionTokens },
        400: badRequest,
        401: { description: "Wrong credentials", schema: error },
        429: { description: "Too many failed attempts", schema: error },
      },
    }),
  },
  "/auth/refresh": {
    post: operation({
      summary: "Session API: a new access token for a refresh token (body or cookie), without rotation",
      body: sessionRefreshSchema,
      form: true,
      responses: {
        200: { description: "Access token", schema: z.object({ access_token: z.string(), token_type: z.literal("bearer") }) },
        401: { description: "Invalid, expired or revoked", schema: error },
      },
    }),
  },
  "/auth/me": {
    get: operation({
      summary: "Session API: the current user",
      auth: true,
      responses: { 200: { description: "User", schema: sessionUser } },
    }),
  },
  "/auth/logout": {
    post: operation({
      summary: "Session API: revoke the refresh token (body or cookie), clear the cookie",
      body: sessionRefreshSchema,
      responses: { 200: { description: "Logged out", schema: z.object({ detail: z.string() }) } },
    }),
  },
  "/auth/register": {
    post: operation({
      summary: "Session API: sign up",
      body: registerSchema,
      responses: { 201: { description: "Signed up", schema: sessionTokens.extend({ user: gen2User }) }, 400: badRequest },
    }),
  },
  "/auth/revoke": {
    post: operation({
      summary: "Log out everywhere: every refresh token, legacy key and OAuth token of the user",
      auth: true,
      responses: { 200: { description: "Revoked", schema: z.object({ detail: z.string() }) } },
    }),
  },
  "/auth/convert-token/": {
    post: operation({
      summary: "OAuth: exchange a Google/Yandex/VK access token for an opaque token pair",
      body: grant("convert_token", convertTokenSchema),
      form: true,
      responses: oauthResponses,
    }),
  },
  "/auth/token/": {
    post: operation({
      summary: "OAuth: refresh (rotating) or password grant",
      body: z.union([grant("refresh_token", refreshGrantSchema), grant("password", passwordGrantSchema)]),
      form: true,
      responses: oauthResponses,
    }),
  },
  "/auth/revoke-token/": {
    post: operation({
      summary: "OAuth: revoke an access or refresh token (its pair dies)",
      body: revokeTokenSchema,
      form: true,
      responses: {
        204: { description: "Revoked (also for unknown tokens)" },
        400: { description: "invalid_request", schema: oauthError },
        401: { description: "invalid_client", schema: oauthError },
      },
    }),
  },
  "/users/api/register/": {
    post: operation({
      summary: "Sign up (generation 2)",
      body: registerSchema,
      responses: {
        201: { description: "Signed up", schema: z.object({ user: gen2User, refresh: z.string(), access: z.string(), token: z.string() }) },
        400: badRequest,
      },
    }),
  },
  "/api/register/": {
    post: operation({
      summary: "Sign up (generation 3)",
      body: registerSchema,
      responses: {
        201: { description: "Signed up", schema: z.object({ user: gen3User, refresh: z.string(), access: z.string(), token: z.string() }) },
        400: badRequest,
      },
    }),
  },
  "/api/token/": {
    post: operation({
      summary: "Log in: a JWT pair (also set as the refresh_token cookie)",
      body: tokenObtainSchema,
      responses: {
        200: { description: "Tokens", schema: tokenPair },
        400: badRequest,
        401: { description: "Wrong credentials", schema: error },
        429: { description: "Too many failed attempts", schema: error },
      },
    }),
  },
  "/api/token/refresh/": {
    post: operation({
      summary: "Rotate a refresh token (body or cookie)",
      body: refreshBodySchema,
      responses: {
        200: { description: "Tokens", schema: tokenPair },
        401: { description: "Invalid, expired or blacklisted", schema: error },
      },
    }),
  },
  "/api/token/blacklist/": {
    post: operation({
      summary: "Log out (body or cookie)",
      body: refreshBodySchema,
      responses: {
        200: { description: "Logged out", schema: z.object({ signout: z.string() }) },
        400: { description: "Not logged out", schema: error },
      },
    }),
  },
  "/api/token/verify/": {
    post: operation({
      summary: "Verify a JWT",
      body: verifyBodySchema,
      responses: { 200: { description: "Valid", schema: z.object({}) }, 401: { description: "Not valid", schema: error } },
    }),
  },
  "/auth/users/me/": { ...me2, post: me2.get, patch: update2, put: update2 },
  "/api/auth/users/me/": {
    get: operation({
      summary: "The current user (generation 3)",
      auth: true,
      responses: { 200: { description: "User", schema: gen3User } },
    }),
    patch: operation({
      summary: "Update the profile (generation 3)",
      auth: true,
      body: updateProfileSchema,
      responses: { 200: { description: "User", schema: gen3User }, 400: badRequest },
    }),
  },
  "/users/api/update/user/": { patch: update2 },
  "/api/update/user/": { patch: update2 },
  "/users/api/hobby/": { get: hobbyNames, patch: hobbyPatch },
  "/users/api/tags/": { get: hobbyNames },
  "/api/hobby/": { get: hobbyNames, patch: hobbyPatch },
  "/users/api/hobby/all/": { get: allHobbies },
  "/api/hobby/all/": { get: allHobbies },
  "/users/api/hobby/total/": { get: totals },
  "/api/hobby/total/": { get: totals },
  "/users/api/pairs/": {
    get: operation({
      summary: "Everyone the user was matched with, newest first",
      auth: true,
      responses: { 200: { description: "Entries", schema: z.array(pairEntry) } },
    }),
  },
  "/api/pairs/": {
    get: operation({
      summary: "The current pair and the earlier ones",
      auth: true,
      responses: { 200: { description: "Pairs", schema: z.object({ current_pair: pairEntry.nullable(), pairs: z.array(pairEntry) }) } },
    }),
  },
  "/api/pairs/icebreaker/": { get: icebreaker },
  "/users/api/days-to-match/": { get: daysToMatch },
  "/api/days-to-match/": { get: daysToMatch },
  "/users/api/tg-auth/": { post: tgAuth(gen2User) },
  "/api/tg-auth/": { post: tgAuth(gen3User) },
  "/users/api/telegram/link-code/": { post: linkCode },
  "/api/telegram/link-code/": { post: linkCode },
  "/api/telegram/webhook": {
    post: operation({
      summary: "Telegram bot updates (X-Telegram-Bot-Api-Secret-Token must equal TELEGRAM_WEBHOOK_SECRET)",
      responses: {
        200: { description: "Accepted (also when the update is ignored or fails)" },
        401: { description: "Wrong or missing secret", schema: error },
        503: noBot,
      },
    }),
  },
  "/users/api/admin-api/create-pairs/": { post: createPairs },
  "/api/admin-api/create-pairs/": { post: createPairs },
  "/users/api/user-by-chat-id/{chat_id}/": {
    get: operation({
      summary: "Staff: the user linked to a Telegram chat",
      auth: true,
      path: { chat_id: "The Telegram chat id, e.g. 123456789" },
      responses: {
        200: { description: "The user", schema: gen2User },
        403: { description: "Not staff", schema: error },
        404: { description: "No user is linked to that chat", schema: error },
      },
    }),
  },
  "/api/health": {
    get: operation({
      summary: "Liveness and database reachability",
      responses: {
        200: { description: "Up", schema: z.object({ status: z.literal("ok"), db: z.literal("ok") }) },
        503: { description: "Database unreachable", schema: z.object({ status: z.literal("error"), db: z.literal("unreachable") }) },
      },
    }),
  },
};

// djoser's email flows (API.md §5), under each of their three prefixes.
const done = { description: "Done (no body)" };
const throttledAnswer = { description: "Too many failed attempts", schema: error };
for (const prefix of ["/auth", "/api/auth", "/users/api/auth"]) {
  const linkErrors = { 400: badRequest, 429: throttledAnswer };
  paths[`${prefix}/users/`] = {
    post: operation({
      summary: "Sign up; the account stays inactive until the mailed activation link is followed",
      body: djoserCreateSchema,
      responses: { 201: { description: "Created", schema: z.object({ email: z.string(), id: z.int() }) }, 400: badRequest },
    }),
  };
  paths[`${prefix}/users/activation/`] = {
    post: operation({
      summary: "Activate with the uid and token of the mailed link",
      body: activationSchema,
      responses: { 204: done, ...linkErrors, 403: { description: "Already activated (stale token)", schema: error } },
    }),
  };
  paths[`${prefix}/users/resend_activation/`] = {
    post: operation({
      summary: "Mail a new activation link (204 for any email)",
      body: emailSchema,
      responses: { 204: done, 400: badRequest },
    }),
  };
  paths[`${prefix}/users/reset_password/`] = {
    post: operation({
      summary: "Mail a password-reset link (204 for any email)",
      body: emailSchema,
      responses: { 204: done, 400: badRequest },
    }),
  };
  paths[`${prefix}/users/reset_password_confirm/`] = {
    post: operation({
      summary: "Set a new password with the mailed uid and token; revokes every session",
      body: resetConfirmSchema,
      responses: { 204: done, ...linkErrors },
    }),
  };
  paths[`${prefix}/users/set_password/`] = {
    post: operation({ summary: "Change the password", auth: true, body: setPasswordSchema, responses: { 204: done, ...linkErrors } }),
  };
  const deleteMe = operation({ summary: "Delete the account", auth: true, body: deleteMeSchema, responses: { 204: done, ...linkErrors } });
  paths[`${prefix}/users/me/`] = {
    ...(paths[`${prefix}/users/me/`] ?? { ...me2, post: me2.get, patch: update2, put: update2 }),
    delete: deleteMe,
  };
}

let document: object | null = null;

/** The OpenAPI 3.1 description of the JSON API (built once per process). */
export function openApiDocument(): object {
  document ??= {
    openapi: "3.1.0",
    info: {
      title: "UniMatch API",
      version: "1.0.0",
      description: "Every path also answers without the trailing slash. See shared/API.md for the full contract.",
    },
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A JWT access token, or an opaque OAuth access token from /auth/convert-token/",
        },
        legacyKey: { type: "apiKey", in: "header", name: "Authorization", description: "Token <40-hex key>" },
      },
    },
    paths,
  };
  return document;
}
