// Every JSON endpoint of the app (the route files under app/users/api, app/api and app/auth, as
// API.md lists them), with what each method's handler validates its body with. The body schemas are
// the route handlers' own zod schemas: they shape the generated bodies (schema.ts) and are the oracle
// for them (a body its schema refuses must never get a 2xx).
// Not fuzzed: /api/inngest, which answers 503 by design while Inngest is not configured (as in the
// tests) and otherwise speaks Inngest's signed protocol.
import fc from "fast-check";
import type { z } from "zod";
import { convertTokenSchema, grantTypeSchema, passwordGrantSchema, refreshGrantSchema, revokeTokenSchema } from "@/lib/auth/oauth/schema";
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
import { Widget, type BodyTree } from "./context";
import { Concat, encodeSegment, Entries, nastyString, Ref, type Tree } from "./json";
import { fieldsOf, valueOf } from "./schema";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type AuthNeed = "none" | "user" | "staff" | "optional";

export interface Operation {
  auth: AuthNeed;
  /** What the handler validates the body with; absent when it reads none (or reads it without a schema). */
  schema?: z.ZodType;
  /** The oracle when one schema is not the whole story (OAuth picks the schema by grant_type). */
  accepts?: (data: unknown) => boolean;
  /** Also takes application/x-www-form-urlencoded. */
  form?: boolean;
  /** Bodies the schema accepts. Default: built from the schema's fields and the hints below. */
  valid?: fc.Arbitrary<BodyTree>;
  /** The share of valid bodies. Small where a valid body costs an argon2 hash. */
  validShare?: number;
  /** The handler reads no body (GET): one is still sent now and then where fetch allows it. */
  noBody?: boolean;
  /** The field of the body that carries a new password (so the run can follow a change). */
  newPassword?: string;
}

export interface Endpoint {
  /** The route as API.md writes it, `{param}` for a dynamic segment; the key of the statistics. */
  route: string;
  operations: Partial<Record<Method, Operation>>;
  /** How often the endpoint is picked, relative to the others. */
  weight: number;
  /** Values for the `{param}` segment, as sent (already percent-encoded where they need to be). */
  param?: fc.Arbitrary<Tree>;
  /** Answers that need not be JSON (next-auth's redirects, photo bytes). */
  notJson?: boolean;
}

// Node refuses a request line and headers past 16 KiB with a 431 and closes the connection, possibly
// while the client still sends its body (a reset, not an answer): paths stay well within that.
const withinLineLimit = (path: Tree): Tree => (typeof path === "string" ? path.slice(0, 3_000) : path);
const anyOf = (...arbitraries: Array<fc.Arbitrary<Tree>>): fc.Arbitrary<Tree> => fc.oneof(...arbitraries);
const ref = (name: string) => fc.nat({ max: 1_000 }).map((index) => new Ref(name, index));

// ---- valid field values, by field name -------------------------------------------------------------

const STRONG = ["Vx9#kLm2!qRt-Zp", "correct-Horse-7-battery", "Ёжик в тумане 1987!", "пароль-Не-Угадать-42", "😀 emoji pass 9Z"];

const freshEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._+-]{0,15}$/),
    fc.nat(),
    fc.constantFrom("example.test", "EXAMPLE.test", "почта.рф", "sub.example.test"),
  )
  .map(([local, n, domain]) => `${local}${n}@${domain}`);

const date = fc.date({ min: new Date("1940-01-01"), max: new Date("2012-12-31"), noInvalidDate: true }).chain((value) => {
  const iso = value.toISOString().slice(0, 10);
  const [y, m, d] = iso.split("-");
  return fc.constantFrom(iso, `${d}-${m}-${y}`);
});

export function hints(hobbyIds: number[]): Record<string, fc.Arbitrary<Tree>> {
  const password = fc.oneof({ arbitrary: fc.constantFrom(...STRONG), weight: 3 }, { arbitrary: ref("password"), weight: 1 });
  return {
    email: fc.oneof(
      { arbitrary: freshEmail, weight: 3 },
      { arbitrary: ref("email"), weight: 1 },
      { arbitrary: ref("emailShouted"), weight: 1 },
    ),
    username: fc.oneof(ref("email"), freshEmail),
    password,
    new_password: fc.constantFrom(...STRONG),
    current_password: fc.oneof({ arbitrary: ref("password"), weight: 1 }, { arbitrary: fc.constantFrom(...STRONG), weight: 2 }),
    first_name: fc.oneof(fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom("Анна", "", "  ", "O'Brien", "李")),
    last_name: fc.string({ unit: "grapheme", maxLength: 30 }),
    birth: fc.oneof(
      { arbitrary: date, weight: 4 },
      { arbitrary: fc.constantFrom<Tree>("", null, "31-02-2000", "2999-01-01", "1899-12-31"), weight: 1 },
    ),
    age: fc.integer({ min: 0, max: 150 }),
    hobby: fc.uniqueArray(fc.constantFrom(...hobbyIds), { maxLength: 6 }),
    tg_link: fc.constantFrom<Tree>("@anna_k", "t.me/someone", "https://t.me/some_one", "", null, "@x😀"),
    is_active_pair: fc.boolean(),
    refresh: fc.oneof(ref("refresh"), ref("staleRefresh"), ref("access"), ref("forgedJwt")),
    refresh_token: fc.oneof(ref("refresh"), ref("staleRefresh"), ref("forgedJwt"), ref("oauthRefresh")),
    token: fc.oneof(ref("access"), ref("refresh"), ref("forgedJwt"), ref("djangoToken")),
    uid: fc.oneof(
      { arbitrary: ref("uid"), weight: 3 },
      { arbitrary: fc.constantFrom("MQ", "MA", "LTE", "OTk5OTk5OTk5OTk5", "=="), weight: 1 },
    ),
    client_id: fc.oneof({ arbitrary: ref("clientId"), weight: 4 }, { arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,40}$/), weight: 1 }),
    client_secret: fc.oneof(
      { arbitrary: ref("clientSecret"), weight: 4 },
      { arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,60}$/), weight: 1 },
    ),
  };
}

/** A body its schema accepts, mostly: required fields always, optional ones half the time, hinted values where given. */
export function validBody(
  schema: z.ZodType,
  hinted: Record<string, fc.Arbitrary<Tree>>,
  overrides: Record<string, fc.Arbitrary<Tree>> = {},
): fc.Arbitrary<Tree> {
  const parts = fieldsOf(schema).map((field) => {
    const value = overrides[field.name] ?? hinted[field.name] ?? valueOf(field.shape);
    const entry = value.map((item) => [field.name, item] as const);
    return field.required ? entry.map((item) => [item]) : fc.option(entry, { nil: undefined }).map((item) => (item ? [item] : []));
  });
  return fc.tuple(...parts).map((groups) => new Entries(groups.flat()));
}

// ---- the catalogue ---------------------------------------------------------------------------------

function oauthAccepts(data: unknown): boolean {
  const grant = grantTypeSchema.safeParse(data);
  if (!grant.success) return false;
  const schemas = new Map<string, z.ZodType>([
    ["convert_token", convertTokenSchema],
    ["refresh_token", refreshGrantSchema],
    ["password", passwordGrantSchema],
  ]);
  const schema = schemas.get(grant.data.grant_type as string);
  return schema ? schema.safeParse(data).success : false;
}

export function catalogue(hobbyIds: number[]): Endpoint[] {
  const hinted = hints(hobbyIds);
  const valid = (schema: z.ZodType, overrides: Record<string, fc.Arbitrary<Tree>> = {}) => validBody(schema, hinted, overrides);
  const read = (auth: AuthNeed): Operation => ({ auth, noBody: true });

  const register = (route: string): Endpoint => ({
    route,
    weight: 3,
    operations: { POST: { auth: "none", schema: registerSchema, validShare: 0.06 } },
  });
  const update: Operation = { auth: "user", schema: updateProfileSchema, validShare: 0.5 };
  const hobby = (route: string): Endpoint => ({
    route,
    weight: 2,
    operations: { GET: read("user"), PATCH: { auth: "user", schema: hobbySetSchema, validShare: 0.5 } },
  });
  const samePassword = (fields: [string, string], extra: Record<string, fc.Arbitrary<Tree>>) =>
    fc
      .tuple(fc.constantFrom(...STRONG), fc.record(extra))
      .map(([password, rest]) => new Entries([...Object.entries(rest), [fields[0], password], [fields[1], password]]));

  const djoser = (prefix: string, me: Endpoint["operations"]): Endpoint[] => [
    {
      route: `${prefix}/users/`,
      weight: 1.5,
      operations: {
        POST: {
          auth: "none",
          schema: djoserCreateSchema,
          validShare: 0.05,
          valid: samePassword(["password", "re_password"], { email: hinted.email! }),
        },
      },
    },
    {
      route: `${prefix}/users/activation/`,
      weight: 1.5,
      operations: {
        POST: {
          auth: "none",
          schema: activationSchema,
          validShare: 0.4,
          valid: valid(activationSchema, {
            uid: fc.oneof({ arbitrary: ref("inactiveUid"), weight: 3 }, { arbitrary: hinted.uid!, weight: 1 }),
            token: fc.oneof({ arbitrary: ref("inactiveToken"), weight: 3 }, { arbitrary: hinted.token!, weight: 1 }),
          }),
        },
      },
    },
    {
      route: `${prefix}/users/resend_activation/`,
      weight: 1,
      operations: {
        POST: { auth: "none", schema: emailSchema, valid: valid(emailSchema, { email: fc.oneof(ref("inactiveEmail"), hinted.email!) }) },
      },
    },
    { route: `${prefix}/users/reset_password/`, weight: 1, operations: { POST: { auth: "none", schema: emailSchema } } },
    {
      route: `${prefix}/users/reset_password_confirm/`,
      weight: 1.5,
      operations: {
        POST: {
          auth: "none",
          schema: resetConfirmSchema,
          validShare: 0.1,
          newPassword: "new_password",
          valid: samePassword(["new_password", "re_new_password"], { uid: ref("uid"), token: fc.oneof(ref("djangoToken"), hinted.token!) }),
        },
      },
    },
    {
      route: `${prefix}/users/set_password/`,
      weight: 1.5,
      operations: { POST: { auth: "user", schema: setPasswordSchema, validShare: 0.1, newPassword: "new_password" } },
    },
    { route: `${prefix}/users/me/`, weight: 3, operations: me },
  ];
  const deleteMe: Operation = { auth: "user", schema: deleteMeSchema, validShare: 0.03 };

  const widgetFields = fc.record(
    {
      id: fc.oneof({ arbitrary: ref("telegramId"), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 2 ** 40 }), weight: 2 }),
      first_name: fc.oneof(fc.string({ unit: "grapheme", maxLength: 20 }), nastyString),
      last_name: fc.string({ unit: "grapheme", maxLength: 20 }),
      username: fc.stringMatching(/^[a-z][a-z0-9_]{4,20}$/),
      photo_url: fc.constant("https://t.me/i/userpic/320/x.jpg"),
    },
    { requiredKeys: ["id"] },
  );
  const widget: fc.Arbitrary<BodyTree> = fc
    .tuple(
      widgetFields,
      fc.oneof({ arbitrary: fc.constant(5), weight: 6 }, { arbitrary: fc.constantFrom(-3_600, 86_401, 10 ** 10), weight: 1 }),
      fc.oneof(
        { arbitrary: fc.constant("sign" as const), weight: 6 },
        { arbitrary: fc.constantFrom("wrong" as const, "none" as const, "upper" as const), weight: 1 },
      ),
    )
    .map(([fields, age, hash]) => new Widget(Object.entries(fields) as Array<[string, Tree]>, age, hash));
  const tgAuth = (route: string): Endpoint => ({
    route,
    weight: 2,
    operations: { POST: { auth: "optional", schema: telegramLoginSchema, validShare: 0.5, valid: widget } },
  });

  const updateId = fc.nat().map((n) => 10_000 + n);
  const message = fc
    .tuple(
      updateId,
      fc.oneof(ref("telegramId"), fc.integer({ min: -(2 ** 52), max: 2 ** 52 })),
      fc.oneof(
        fc.constantFrom<Tree>("/start", "/match", "/pause", "/resume", "/help", "/start@unimatch_test_bot", "привет"),
        fc
          .tuple(fc.constantFrom("/start ", "/start@unimatch_test_bot "), fc.oneof(ref("linkCode"), nastyString))
          .map(([command, code]): Tree => new Concat([command, code])),
        nastyString,
      ),
      fc.constantFrom("private", "private", "group", "channel"),
    )
    .map(
      ([id, chatId, text, chatType]) =>
        new Entries([
          ["update_id", id],
          [
            "message",
            new Entries([
              ["message_id", id],
              ["date", 1_700_000_000],
              [
                "chat",
                new Entries([
                  ["id", chatId],
                  ["type", chatType],
                ]),
              ],
              [
                "from",
                new Entries([
                  ["id", chatId],
                  ["is_bot", false],
                  ["first_name", "Тест"],
                ]),
              ],
              ["text", text],
            ]),
          ],
        ]),
    );

  const oauthOp = (schema: z.ZodType, grant?: string): fc.Arbitrary<Tree> =>
    valid(schema, {
      ...(grant ? { grant_type: fc.constant(grant) } : {}),
      backend: fc.constantFrom("google-oauth2", "yandex-oauth2", "vk-oauth2"),
      token: fc.oneof(ref("providerToken"), ref("oauthAccess"), ref("oauthRefresh"), fc.stringMatching(/^[\x21-\x7e]{1,40}$/)),
      refresh_token: fc.oneof(ref("oauthRefresh"), ref("oauthAccess")),
      username: fc.oneof(ref("email"), freshEmail),
      password: fc.oneof(ref("password"), fc.constantFrom(...STRONG)),
    });
  const oauthGrant = fc.oneof(
    { arbitrary: oauthOp(convertTokenSchema.extend({ grant_type: grantTypeSchema.shape.grant_type }), "convert_token"), weight: 5 },
    { arbitrary: oauthOp(refreshGrantSchema.extend({ grant_type: grantTypeSchema.shape.grant_type }), "refresh_token"), weight: 3 },
    { arbitrary: oauthOp(passwordGrantSchema.extend({ grant_type: grantTypeSchema.shape.grant_type }), "password"), weight: 1 },
    { arbitrary: oauthOp(grantTypeSchema, undefined), weight: 1 },
  );
  const tokenEndpoint = (route: string, validShare: number): Endpoint => ({
    route,
    weight: 2.5,
    operations: { POST: { auth: "none", accepts: oauthAccepts, form: true, valid: oauthGrant, validShare } },
  });

  // Path segments as they go on the wire: text encoded, plus raw escapes a client could send.
  const paramText = anyOf(
    fc.stringMatching(/^-?[0-9]{1,22}$/),
    nastyString.map(encodeSegment),
    fc.constantFrom("0", "-1", "9223372036854775808", "..", "%00", "%ZZ", "%2F", "a/b", "😀", "x".repeat(3000), "7".repeat(33)),
  ).map(withinLineLimit);
  const unknownSegment = fc
    .array(
      fc.oneof(
        fc.stringMatching(/^[a-z_]{1,12}$/),
        nastyString.map(encodeSegment),
        fc.constantFrom("%ZZ", "%C0%AF", "%00", "users", "api", ""),
      ),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    .map((parts) => withinLineLimit(parts.join("/")));

  return [
    // §2 / §3: the seeds' and the SPA's API
    register("/users/api/register/"),
    register("/api/register/"),
    { route: "/users/api/update/user/", weight: 2, operations: { PATCH: update } },
    { route: "/api/update/user/", weight: 2, operations: { PATCH: update } },
    hobby("/users/api/hobby/"),
    hobby("/api/hobby/"),
    { route: "/users/api/tags/", weight: 1, operations: { GET: read("user") } },
    { route: "/users/api/hobby/all/", weight: 1, operations: { GET: read("none") } },
    { route: "/api/hobby/all/", weight: 1, operations: { GET: read("none") } },
    { route: "/users/api/hobby/total/", weight: 1, operations: { GET: read("user") } },
    { route: "/api/hobby/total/", weight: 1, operations: { GET: read("user") } },
    { route: "/users/api/pairs/", weight: 1.5, operations: { GET: read("user") } },
    { route: "/api/pairs/", weight: 1.5, operations: { GET: read("user") } },
    { route: "/users/api/days-to-match/", weight: 1, operations: { GET: read("none") } },
    { route: "/api/days-to-match/", weight: 1, operations: { GET: read("none") } },
    tgAuth("/users/api/tg-auth/"),
    tgAuth("/api/tg-auth/"),
    { route: "/users/api/telegram/link-code/", weight: 1, operations: { POST: { auth: "user" } } },
    { route: "/api/telegram/link-code/", weight: 1, operations: { POST: { auth: "user" } } },
    { route: "/users/api/admin-api/create-pairs/", weight: 1, operations: { POST: { auth: "staff" } } },
    { route: "/api/admin-api/create-pairs/", weight: 1, operations: { POST: { auth: "staff" } } },
    {
      route: "/users/api/user-by-chat-id/{chat_id}/",
      weight: 1.5,
      param: anyOf(ref("chatId"), paramText),
      operations: { GET: read("staff") },
    },
    // tokens (§2), shared by both generations
    { route: "/api/token/", weight: 2, operations: { POST: { auth: "none", schema: tokenObtainSchema, validShare: 0.08 } } },
    { route: "/api/token/refresh/", weight: 2.5, operations: { POST: { auth: "none", schema: refreshBodySchema, validShare: 0.6 } } },
    { route: "/api/token/blacklist/", weight: 1.5, operations: { POST: { auth: "none", schema: refreshBodySchema, validShare: 0.4 } } },
    { route: "/api/token/verify/", weight: 2, operations: { POST: { auth: "none", schema: verifyBodySchema, validShare: 0.6 } } },
    // §4 legacy keys
    {
      route: "/auth/token/login/",
      weight: 1.5,
      operations: { POST: { auth: "none", schema: legacyLoginSchema, form: true, validShare: 0.06 } },
    },
    {
      route: "/api/auth/token/login/",
      weight: 1.5,
      operations: { POST: { auth: "none", schema: legacyLoginSchema, form: true, validShare: 0.06 } },
    },
    { route: "/auth/token/logout/", weight: 1, operations: { POST: { auth: "user" } } },
    { route: "/api/auth/token/logout/", weight: 1, operations: { POST: { auth: "user" } } },
    // §5 djoser, under three prefixes
    ...djoser("/auth", { GET: read("user"), POST: read("user"), PATCH: update, PUT: update, DELETE: deleteMe }),
    ...djoser("/api/auth", { GET: read("user"), PATCH: update, DELETE: deleteMe }),
    ...djoser("/users/api/auth", { GET: read("user"), POST: read("user"), PATCH: update, PUT: update, DELETE: deleteMe }),
    // §6 OAuth
    tokenEndpoint("/auth/convert-token/", 0.5),
    tokenEndpoint("/auth/token/", 0.3),
    {
      route: "/auth/revoke-token/",
      weight: 1.5,
      operations: {
        POST: {
          auth: "none",
          schema: revokeTokenSchema,
          form: true,
          validShare: 0.5,
          valid: valid(revokeTokenSchema, { token: fc.oneof(ref("oauthAccess"), ref("oauthRefresh")) }),
        },
      },
    },
    // §7 the cookie session API
    {
      route: "/auth/login/",
      weight: 1.5,
      operations: { POST: { auth: "none", schema: sessionLoginSchema, form: true, validShare: 0.06 } },
    },
    {
      route: "/auth/refresh/",
      weight: 1.5,
      operations: { POST: { auth: "none", schema: sessionRefreshSchema, form: true, validShare: 0.6 } },
    },
    { route: "/auth/logout/", weight: 1, operations: { POST: { auth: "none", schema: sessionRefreshSchema, validShare: 0.3 } } },
    { route: "/auth/me/", weight: 1, operations: { GET: read("user") } },
    { route: "/auth/register/", weight: 2, operations: { POST: { auth: "none", schema: registerSchema, validShare: 0.06 } } },
    { route: "/auth/revoke/", weight: 0.5, operations: { POST: { auth: "user" } } },
    // §8 operations, the bot, photos, the OpenAPI document
    { route: "/api/health/", weight: 0.5, operations: { GET: read("none") } },
    { route: "/api/openapi.json", weight: 0.3, operations: { GET: read("none") } },
    { route: "/api/telegram/webhook/", weight: 2, operations: { POST: { auth: "none", valid: message, validShare: 0.6 } } },
    { route: "/api/photos/{file}", weight: 1, param: paramText, notJson: true, operations: { GET: read("none") } },
    // next-auth's own endpoints, then anything else under the three prefixes (the JSON 404)
    {
      route: "/api/next-auth/{action}",
      weight: 1,
      notJson: true,
      param: anyOf(
        fc.constantFrom("session", "csrf", "providers", "signin", "signout", "error", "callback/credentials", "signin/google"),
        unknownSegment,
      ),
      operations: { GET: read("optional"), POST: { auth: "optional", form: true } },
    },
    ...["/api", "/users/api", "/auth"].map((prefix): Endpoint => ({
      route: `${prefix}/{unknown}`,
      weight: 1,
      param: unknownSegment,
      operations: { GET: read("optional"), POST: { auth: "optional" }, PATCH: { auth: "optional" }, DELETE: { auth: "optional" } },
    })),
  ];
}
