import { z } from "zod";
import { refreshBodySchema, tokenObtainSchema, verifyBodySchema } from "@/lib/auth/schema";
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
  image: z.string().nullable(),
  tg_link: z.string().nullable(),
  is_active_pair: z.boolean(),
};
const gen2User = z.object({ ...userBase, birth: z.string().nullable().meta({ description: "DD-MM-YYYY" }), hobby: z.array(z.int()) });
const gen3User = z.object({ ...userBase, birth: z.string().nullable().meta({ description: "YYYY-MM-DD" }), hobby: z.array(hobby) });
const tokenPair = z.object({ refresh: z.string(), access: z.string() });
const partner = z.object({ id: z.int(), first_name: z.string(), last_name: z.string(), email: z.string().nullable(), tg_link: z.string().nullable(), hobby: z.array(hobby) });
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
  responses: Record<number, { description: string; schema?: Schema }>;
}

const json = (schema: Schema, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

function operation({ summary, auth, body, form, responses }: Operation) {
  const content = (schema: Schema) => ({
    "application/json": { schema: json(schema, "input") },
    ...(form ? { "application/x-www-form-urlencoded": { schema: json(schema, "input") } } : {}),
  });
  return {
    summary,
    ...(auth ? { security: [{ bearer: [] }, { legacyKey: [] }] } : {}),
    ...(body ? { requestBody: { required: true, content: content(body) } } : {}),
    responses: Object.fromEntries(
      Object.entries({ ...responses, ...(auth ? { 401: { description: "Not authenticated", schema: error } } : {}) }).map(([status, response]) => [
        status,
        { description: response.description, ...(response.schema ? { content: { "application/json": { schema: json(response.schema, "output") } } } : {}) },
      ]),
    ),
  };
}

const badRequest = { description: "Field errors", schema: error };
const me2 = { get: operation({ summary: "The current user (generation 2)", auth: true, responses: { 200: { description: "User", schema: gen2User } } }) };
const update2 = operation({ summary: "Update the profile", auth: true, body: updateProfileSchema, responses: { 200: { description: "User", schema: gen2User }, 400: badRequest } });
const hobbyNames = operation({ summary: "The user's hobby names", auth: true, responses: { 200: { description: "Names", schema: z.array(z.string()) } } });
const hobbyPatch = operation({ summary: "Replace the user's hobby set", auth: true, body: hobbySetSchema, responses: { 200: { description: "The new ids", schema: z.array(z.int()) }, 400: badRequest } });
const allHobbies = operation({ summary: "Every hobby, by id", responses: { 200: { description: "Hobbies", schema: z.array(hobby) } } });
const totals = operation({ summary: "The user's and all hobbies", auth: true, responses: { 200: { description: "Hobbies", schema: z.object({ user_tags: z.array(hobby), all_tags: z.array(hobby) }) } } });
const daysToMatch = operation({ summary: "Time until the next weekly round", responses: { 200: { description: "Countdown", schema: countdown } } });
const createPairs = operation({
  summary: "Staff: run this slot's matching round (or return the one that already ran) and announce it",
  auth: true,
  responses: {
    201: { description: "The round's statistics", schema: z.object({ round_id: z.int(), groups: z.int(), trios: z.int(), pct_with_common: z.number(), repeats: z.int() }) },
    403: { description: "Not staff", schema: error },
  },
});
const tgAuth = operation({ summary: "Telegram Login Widget sign-in or linking", responses: { 503: { description: "No bot configured", schema: error } } });

const paths: Record<string, Record<string, unknown>> = {
  "/users/api/register/": { post: operation({ summary: "Sign up (generation 2)", body: registerSchema, responses: { 201: { description: "Signed up", schema: z.object({ user: gen2User, refresh: z.string(), access: z.string(), token: z.string() }) }, 400: badRequest } }) },
  "/api/register/": { post: operation({ summary: "Sign up (generation 3)", body: registerSchema, responses: { 201: { description: "Signed up", schema: z.object({ user: gen3User, refresh: z.string(), access: z.string(), token: z.string() }) }, 400: badRequest } }) },
  "/api/token/": { post: operation({ summary: "Log in: a JWT pair (also set as the refresh_token cookie)", body: tokenObtainSchema, responses: { 200: { description: "Tokens", schema: tokenPair }, 400: badRequest, 401: { description: "Wrong credentials", schema: error }, 429: { description: "Too many failed attempts", schema: error } } }) },
  "/api/token/refresh/": { post: operation({ summary: "Rotate a refresh token (body or cookie)", body: refreshBodySchema, responses: { 200: { description: "Tokens", schema: tokenPair }, 401: { description: "Invalid, expired or blacklisted", schema: error } } }) },
  "/api/token/blacklist/": { post: operation({ summary: "Log out (body or cookie)", body: refreshBodySchema, responses: { 200: { description: "Logged out", schema: z.object({ signout: z.string() }) }, 400: { description: "Not logged out", schema: error } } }) },
  "/api/token/verify/": { post: operation({ summary: "Verify a JWT", body: verifyBodySchema, responses: { 200: { description: "Valid", schema: z.object({}) }, 401: { description: "Not valid", schema: error } } }) },
  "/auth/users/me/": { ...me2, post: me2.get, patch: update2, put: update2 },
  "/api/auth/users/me/": {
    get: operation({ summary: "The current user (generation 3)", auth: true, responses: { 200: { description: "User", schema: gen3User } } }),
    patch: operation({ summary: "Update the profile (generation 3)", auth: true, body: updateProfileSchema, responses: { 200: { description: "User", schema: gen3User }, 400: badRequest } }),
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
  "/users/api/pairs/": { get: operation({ summary: "Everyone the user was matched with, newest first", auth: true, responses: { 200: { description: "Entries", schema: z.array(pairEntry) } } }) },
  "/api/pairs/": { get: operation({ summary: "The current pair and the earlier ones", auth: true, responses: { 200: { description: "Pairs", schema: z.object({ current_pair: pairEntry.nullable(), pairs: z.array(pairEntry) }) } } }) },
  "/users/api/days-to-match/": { get: daysToMatch },
  "/api/days-to-match/": { get: daysToMatch },
  "/users/api/tg-auth/": { post: tgAuth },
  "/api/tg-auth/": { post: tgAuth },
  "/users/api/admin-api/create-pairs/": { post: createPairs },
  "/api/admin-api/create-pairs/": { post: createPairs },
  "/api/health": { get: operation({ summary: "Liveness and database reachability", responses: { 200: { description: "Up", schema: z.object({ status: z.literal("ok"), db: z.literal("ok") }) }, 503: { description: "Database unreachable", schema: z.object({ status: z.literal("error"), db: z.literal("unreachable") }) } } }) },
};

let document: object | null = null;

/** The OpenAPI 3.1 description of the JSON API (built once per process). */
export function openApiDocument(): object {
  document ??= {
    openapi: "3.1.0",
    info: { title: "UniMatch API", version: "1.0.0", description: "Every path also answers without the trailing slash. See shared/API.md for the full contract." },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        legacyKey: { type: "apiKey", in: "header", name: "Authorization", description: "Token <40-hex key>" },
      },
    },
    paths,
  };
  return document;
}
