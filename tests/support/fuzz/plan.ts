// A generated request (a Plan: endpoint, method, path, headers, body, all still symbolic) and its
// arbitraries: valid bodies from the endpoint's schema, near-valid ones (one field broken, dropped or
// doubled, a prototype key added), hostile ones (wrong types, huge and deep values, malformed JSON,
// invalid UTF-8, bodies past the size limit) in JSON, form and multipart encodings and under wrong
// content types, with valid, missing, stale and forged credentials, and with other methods.
import fc from "fast-check";
import { Widget, type BodyTree } from "./context";
import type { Endpoint, Method, Operation } from "./endpoints";
import { Concat, encodeSegment, Entries, hostileKey, hostileObject, hostileValue, nastyString, Ref, type Tree } from "./json";

export type BodyPlan =
  | { mode: "none" }
  | { mode: "json"; tree: BodyTree; contentType: string | null }
  | { mode: "form"; tree: BodyTree }
  | { mode: "multipart"; tree: BodyTree }
  | { mode: "raw"; bytes: Uint8Array; contentType: string | null; stream: boolean };

export interface Plan {
  endpoint: Endpoint;
  method: string;
  /** The request path, `{param}` still to be filled in with `param`. */
  path: string;
  param: Tree | null;
  query: string;
  /** `Authorization: <scheme> <credential><tail>` (the credential base64-encoded for Basic), or none. */
  auth: { scheme: string; credential: Tree; tail: string; base64?: boolean } | null;
  cookies: Array<[string, Tree]>;
  origin: string | null;
  forwardedFor: string | null;
  extraHeaders: Array<[string, string]>;
  body: BodyPlan;
  kind: "valid" | "near" | "hostile" | "raw" | "none";
  /** Every account reference of the request points at this account, unless `mixAccounts`. */
  principal: number;
  mixAccounts: boolean;
}

export const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND"];
export const APP_ORIGIN = "http://localhost:3000";
export const WEBHOOK_SECRET = "{webhook-secret}";

const ref = (name: string) => fc.nat({ max: 1_000 }).map((index) => new Ref(name, index));
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, "?");

// ---- bodies --------------------------------------------------------------------------------------

type Mutation = "drop" | "replace" | "addKey" | "duplicate" | "renameKey" | "wrapInArray" | "nullify";

function entriesOf(tree: BodyTree): ReadonlyArray<readonly [string, Tree]> | null {
  if (tree instanceof Entries) return tree.entries;
  if (tree instanceof Widget) return tree.fields;
  return null;
}

function withEntries(tree: BodyTree, entries: Array<readonly [string, Tree]>): BodyTree {
  return tree instanceof Widget ? new Widget(entries, tree.age, tree.hash) : new Entries(entries);
}

/** One change that makes a valid body near-valid. */
function mutate(tree: BodyTree, mutation: Mutation, at: number, value: Tree, key: string): BodyTree {
  const entries = entriesOf(tree);
  if (!entries) return tree;
  const list = [...entries];
  const index = list.length === 0 ? 0 : at % list.length;
  const target = list[index];
  switch (mutation) {
    case "drop":
      list.splice(index, 1);
      break;
    case "replace":
      if (target) list[index] = [target[0], value];
      break;
    case "nullify":
      if (target) list[index] = [target[0], null];
      break;
    case "addKey":
      list.splice(at % (list.length + 1), 0, [key, value]);
      break;
    case "duplicate":
      if (target) list.push([target[0], value]);
      break;
    case "renameKey":
      if (target) list[index] = [at % 2 === 0 ? target[0].toUpperCase() : `${target[0]} `, target[1]];
      break;
    case "wrapInArray":
      return tree instanceof Widget ? tree : [new Entries(list)];
  }
  return withEntries(tree, list);
}

const nearValid = (valid: fc.Arbitrary<BodyTree>): fc.Arbitrary<BodyTree> =>
  fc
    .tuple(
      valid,
      fc.constantFrom<Mutation>(
        "drop",
        "replace",
        "replace",
        "replace",
        "addKey",
        "addKey",
        "duplicate",
        "renameKey",
        "wrapInArray",
        "nullify",
      ),
      fc.nat(),
      hostileValue,
      hostileKey,
    )
    .map(([tree, mutation, at, value, key]) => mutate(tree, mutation, at, value, key));

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bodies no JSON or form parser should accept, and bodies around the 64 KiB limit. */
const rawBody: fc.Arbitrary<BodyPlan> = fc
  .tuple(
    fc.oneof(
      {
        arbitrary: fc
          .constantFrom(
            '{"email": ',
            "{'a': 1}",
            '{"a": 1,}',
            "{",
            "}",
            "nul",
            "[]",
            "[{}]",
            "1",
            '"text"',
            "null",
            "true",
            " ",
            "\ufeff{}",
            '{"a":1}garbage',
            '{"a":"\\x"}',
            '{"a":"\\ud800"}',
            "\u0000",
            "{}{}",
            '{"__proto__":{"is_staff":true},"constructor":{"prototype":{"x":1}}}',
          )
          .map(utf8),
        weight: 6,
      },
      { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 2 },
      {
        arbitrary: fc.constantFrom(
          new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
          new Uint8Array([0xc0, 0xaf]),
        ),
        weight: 1,
      },
      {
        arbitrary: fc.constantFrom(65_535, 65_536, 65_537, 300_000).map((size) => {
          const prefix = '{"first_name":"';
          return utf8(prefix + "a".repeat(Math.max(0, size - prefix.length - 2)) + '"}');
        }),
        weight: 1,
      },
      { arbitrary: fc.constantFrom(100_000, 500_000).map((depth) => utf8("[".repeat(depth) + "]".repeat(depth))), weight: 1 },
    ),
    fc.constantFrom<string | null>("application/json", "application/json", "application/x-www-form-urlencoded", "text/plain", null),
    fc.boolean(),
  )
  .map(([bytes, contentType, stream]) => ({ mode: "raw" as const, bytes, contentType, stream: stream && bytes.length > 1_000 }));

const jsonContentType = fc.oneof(
  { arbitrary: fc.constant("application/json"), weight: 12 },
  {
    arbitrary: fc.constantFrom<string | null>(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/vnd.api+json",
      "application/json; charset=latin1",
      "text/plain",
      "application/xml",
      "text/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "application/json, text/plain",
      null,
    ),
    weight: 3,
  },
);

/** Encodes a tree body: mostly JSON, also form-urlencoded and multipart. */
function encoded(tree: fc.Arbitrary<BodyTree>, form: boolean): fc.Arbitrary<BodyPlan> {
  return fc.oneof(
    {
      arbitrary: fc.tuple(tree, jsonContentType).map(([value, contentType]): BodyPlan => ({ mode: "json", tree: value, contentType })),
      weight: form ? 6 : 10,
    },
    { arbitrary: tree.map((value): BodyPlan => ({ mode: "form", tree: value })), weight: form ? 4 : 1 },
    { arbitrary: tree.map((value): BodyPlan => ({ mode: "multipart", tree: value })), weight: 1 },
  );
}

function bodyFor(
  operation: Operation | undefined,
  method: string,
  schemaValid: (operation: Operation) => fc.Arbitrary<BodyTree> | null,
): fc.Arbitrary<{ body: BodyPlan; kind: Plan["kind"] }> {
  const none = fc.constant({ body: { mode: "none" } as BodyPlan, kind: "none" as const });
  // fetch sends no body with GET or HEAD.
  if (method === "GET" || method === "HEAD") return none;
  const hostile = encoded(fc.oneof({ arbitrary: hostileObject, weight: 4 }, { arbitrary: hostileValue, weight: 1 }), !!operation?.form).map(
    (body) => ({ body, kind: "hostile" as const }),
  );
  const raw = rawBody.map((body) => ({ body, kind: "raw" as const }));
  const valid = operation ? (operation.valid ?? schemaValid(operation)) : null;
  if (!operation || operation.noBody || !valid) {
    return fc.oneof({ arbitrary: none, weight: 3 }, { arbitrary: hostile, weight: 2 }, { arbitrary: raw, weight: 1 });
  }
  const share = operation.validShare ?? 0.4;
  const scale = 1_000;
  return fc.oneof(
    { arbitrary: encoded(valid, !!operation.form).map((body) => ({ body, kind: "valid" as const })), weight: Math.round(share * scale) },
    {
      arbitrary: encoded(nearValid(valid), !!operation.form).map((body) => ({ body, kind: "near" as const })),
      weight: Math.round((1 - share) * 0.5 * scale),
    },
    { arbitrary: hostile, weight: Math.round((1 - share) * 0.25 * scale) },
    { arbitrary: raw, weight: Math.round((1 - share) * 0.15 * scale) },
    { arbitrary: none, weight: Math.round((1 - share) * 0.1 * scale) },
  );
}

// ---- credentials -----------------------------------------------------------------------------------

type Auth = Plan["auth"];

const bearer = (credential: fc.Arbitrary<Tree>, scheme = "Bearer"): fc.Arbitrary<Auth> =>
  credential.map((value) => ({ scheme, credential: value, tail: "" }));

const userCredential: fc.Arbitrary<Auth> = fc.oneof(
  { arbitrary: bearer(ref("access")), weight: 6 },
  {
    arbitrary: fc
      .tuple(ref("legacyKey"), fc.constantFrom("Token", "token", "TOKEN"))
      .map(([key, scheme]) => ({ scheme, credential: key, tail: "" })),
    weight: 2,
  },
  { arbitrary: bearer(ref("oauthAccess")), weight: 2 },
  { arbitrary: bearer(ref("access"), "bearer"), weight: 1 },
);

const forgedCredential: fc.Arbitrary<Auth> = fc.oneof(
  { arbitrary: bearer(ref("forgedJwt")), weight: 4 },
  { arbitrary: bearer(ref("refresh")), weight: 1 },
  { arbitrary: bearer(ref("staleRefresh")), weight: 1 },
  { arbitrary: bearer(fc.stringMatching(/^[A-Za-z0-9]{30}$/)), weight: 1 },
  { arbitrary: bearer(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}$/)), weight: 1 },
  { arbitrary: bearer(fc.stringMatching(/^[0-9a-f]{40}$/), "Token"), weight: 1 },
  { arbitrary: bearer(ref("access"), "Token"), weight: 1 },
  { arbitrary: bearer(ref("legacyKey"), "Bearer"), weight: 1 },
  {
    arbitrary: fc.constantFrom<Auth>(
      { scheme: "Bearer", credential: "", tail: "" },
      { scheme: "Token", credential: "", tail: "" },
      { scheme: "Bearer", credential: "a", tail: " b" },
      { scheme: "Basic", credential: Buffer.from("id:secret").toString("base64"), tail: "" },
      { scheme: "Basic", credential: "!!!", tail: "" },
      { scheme: "Digest", credential: 'username="x"', tail: "" },
      { scheme: "", credential: "", tail: "" },
      { scheme: "Bearer", credential: "x".repeat(5_000), tail: "" },
      { scheme: "JWT", credential: "abc", tail: "" },
    ),
    weight: 2,
  },
  { arbitrary: nastyString.map((text) => ({ scheme: "Bearer", credential: ascii(text).slice(0, 2_000), tail: "" })), weight: 1 },
);

/** Basic client authentication for the OAuth endpoints (RFC 6749 §2.3.1), right or wrong. */
const basicClient: fc.Arbitrary<Auth> = fc
  .tuple(fc.oneof(ref("clientId"), fc.string({ maxLength: 10 })), fc.oneof(ref("clientSecret"), fc.string({ maxLength: 10 })))
  .map(([id, secret]) => ({ scheme: "Basic", credential: new Concat([id, ":", secret]), tail: "", base64: true }));

function authFor(need: Operation["auth"] | undefined, oauth: boolean): fc.Arbitrary<Auth> {
  const none = fc.constant<Auth>(null);
  const staff = bearer(ref("staffAccess"));
  switch (need) {
    case "user":
    case "optional":
      return fc.oneof(
        { arbitrary: userCredential, weight: 11 },
        { arbitrary: none, weight: 3 },
        { arbitrary: forgedCredential, weight: 6 },
      );
    case "staff":
      return fc.oneof(
        { arbitrary: staff, weight: 9 },
        { arbitrary: userCredential, weight: 3 },
        { arbitrary: none, weight: 2 },
        { arbitrary: forgedCredential, weight: 6 },
      );
    default:
      return fc.oneof(
        { arbitrary: none, weight: 14 },
        { arbitrary: userCredential, weight: 2 },
        { arbitrary: forgedCredential, weight: 3 },
        { arbitrary: basicClient, weight: oauth ? 3 : 0 },
      );
  }
}

const cookies: fc.Arbitrary<Array<[string, Tree]>> = fc.oneof(
  { arbitrary: fc.constant<Array<[string, Tree]>>([]), weight: 16 },
  {
    arbitrary: fc.array(
      fc.oneof(
        ref("refresh").map((value): [string, Tree] => ["refresh_token", value]),
        ref("staleRefresh").map((value): [string, Tree] => ["refresh_token", value]),
        ref("access").map((value): [string, Tree] => ["access_token", value]),
        ref("forgedJwt").map((value): [string, Tree] => ["access_token", value]),
        ref("session").map((value): [string, Tree] => ["authjs.session-token", value]),
        ref("forgedSession").map((value): [string, Tree] => ["authjs.session-token", value]),
        ref("forgedSession").map((value): [string, Tree] => ["__Secure-authjs.session-token", value]),
        fc
          .tuple(fc.constantFrom("refresh_token", "access_token", "authjs.session-token"), nastyString)
          .map(([name, value]): [string, Tree] => [name, encodeSegment(value).slice(0, 1_500)]),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    weight: 4,
  },
);

const forwardedFor = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => `127.0.0.${n}`), weight: 16 },
  {
    arbitrary: fc.constantFrom<string | null>(
      null,
      "",
      "unknown",
      " , , ",
      "127.0.0.9, 127.0.0.10",
      "::1",
      "300.300.300.300",
      "x".repeat(500),
    ),
    weight: 2,
  },
);

const extraHeaders: fc.Arbitrary<Array<[string, string]>> = fc.oneof(
  { arbitrary: fc.constant<Array<[string, string]>>([]), weight: 12 },
  {
    arbitrary: fc.array(
      fc.oneof(
        nastyString.map((value): [string, string] => ["x-request-id", ascii(value).slice(0, 300)]),
        fc.constantFrom<[string, string]>(
          ["accept", "text/html"],
          ["accept", "application/xml"],
          ["accept-encoding", "gzip, br"],
          ["x-http-method-override", "DELETE"],
          ["x-middleware-subrequest", "middleware:middleware:middleware:middleware:middleware"],
          ["x-forwarded-host", "evil.example"],
          ["x-forwarded-proto", "https"],
          ["content-encoding", "gzip"],
          ["x-telegram-bot-api-secret-token", "wrong"],
          ["range", "bytes=0-1"],
          ["if-none-match", '"x"'],
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    weight: 2,
  },
);

const origin = fc.oneof(
  { arbitrary: fc.constant<string | null>(null), weight: 12 },
  {
    arbitrary: fc.constantFrom(APP_ORIGIN, "http://spa.example.test", "http://evil.example", "null", "http://localhost:3000.evil.example"),
    weight: 3,
  },
);

const query = fc.oneof(
  { arbitrary: fc.constant(""), weight: 10 },
  {
    arbitrary: fc.constantFrom(
      "?format=json",
      "?a=1&a=2",
      "?__proto__[x]=1",
      "?%ZZ",
      "?x=" + "y".repeat(2_000),
      "?callbackUrl=http://evil.example",
    ),
    weight: 1,
  },
);

/** Any request to `endpoint`: mostly one of its methods, sometimes another. */
export function planFor(endpoint: Endpoint, schemaValid: (operation: Operation) => fc.Arbitrary<BodyTree> | null): fc.Arbitrary<Plan> {
  const own = Object.keys(endpoint.operations) as Method[];
  const method = fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 9 }, { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 1 });
  const oauth = /convert-token|\/auth\/token\/$|revoke-token/.test(endpoint.route);
  return method.chain((chosen) => {
    const operation = endpoint.operations[chosen as Method];
    const webhook = endpoint.route.startsWith("/api/telegram/webhook");
    return fc
      .record({
        body: bodyFor(operation, chosen, schemaValid),
        auth: authFor(operation?.auth, oauth),
        cookies,
        origin,
        forwardedFor,
        extraHeaders: webhook
          ? fc.oneof(
              // WEBHOOK_SECRET stands for the configured secret (filled in when sent).
              { arbitrary: fc.constant<Array<[string, string]>>([["x-telegram-bot-api-secret-token", WEBHOOK_SECRET]]), weight: 8 },
              { arbitrary: extraHeaders, weight: 2 },
            )
          : extraHeaders,
        slash: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
        query,
        param: endpoint.param ?? fc.constant(null),
        principal: fc.nat({ max: 1_000 }),
        mixAccounts: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      })
      .map(({ body, slash, ...rest }): Plan => {
        const path = endpoint.route.endsWith("/") && !slash ? endpoint.route.slice(0, -1) : endpoint.route;
        const plan: Plan = { endpoint, method: chosen, path, ...rest, body: body.body, kind: body.kind };
        // fast-check prints counterexamples with this instead of the endpoint's schemas and arbitraries.
        return Object.assign(plan, { [fc.toStringMethod]: () => `${chosen} ${path} [${body.kind}, ${body.body.mode}]` });
      });
  });
}
