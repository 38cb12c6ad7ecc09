import { startApp } from "./support/app";
import assert from "node:assert/strict";
import http from "node:http";
import { describe, test } from "node:test";
import { count } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { assertErrorBody, parseSetCookie, request, signUp, STRONG_PASSWORD, uniqueEmail, type Reply } from "./support/requests";

const { baseUrl } = await startApp();
const me = await signUp(baseUrl, { hobby: [1] });

type Endpoint = {
  method: string;
  path: string;
  auth: boolean;
  register?: boolean;
  base: () => Record<string, unknown>;
  fields: string[];
  required: string[];
};

const register = (path: string): Endpoint => ({
  method: "POST",
  path,
  auth: false,
  register: true,
  base: () => ({ email: uniqueEmail("bad"), password: STRONG_PASSWORD }),
  fields: ["email", "password", "first_name", "last_name", "birth", "age", "hobby", "tg_link"],
  required: ["email", "password"],
});
const update = (method: string, path: string): Endpoint => ({
  method,
  path,
  auth: true,
  base: () => ({}),
  fields: ["first_name", "last_name", "birth", "hobby", "tg_link", "is_active_pair"],
  required: [],
});
const hobby = (path: string): Endpoint => ({
  method: "PATCH",
  path,
  auth: true,
  base: () => ({ hobby: [1] }),
  fields: ["hobby"],
  required: ["hobby"],
});

const ENDPOINTS: Endpoint[] = [
  register("/users/api/register/"),
  register("/api/register/"),
  update("PATCH", "/auth/users/me/"),
  update("PUT", "/auth/users/me/"),
  update("PATCH", "/users/api/update/user/"),
  update("PATCH", "/api/update/user/"),
  update("PATCH", "/api/auth/users/me/"),
  hobby("/users/api/hobby/"),
  hobby("/api/hobby/"),
  // Another suite owns /api/token/; here it only has to answer 4xx, never 5xx.
  {
    method: "POST",
    path: "/api/token/",
    auth: false,
    base: () => ({ email: me.email, password: "wrong-password-1" }),
    fields: ["email", "password"],
    required: ["email", "password"],
  },
];

async function userCount(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row!.n);
}

/** Sends a raw body to an endpoint and checks the answer is a 4xx JSON error, and that sign-up wrote nothing. */
async function expectRejected(
  endpoint: Endpoint,
  body: BodyInit | undefined,
  headers: Record<string, string>,
  status?: number,
): Promise<Reply> {
  const before = endpoint.register ? await userCount() : 0;
  const reply = await request(baseUrl, endpoint.method, endpoint.path, { body, headers, access: endpoint.auth ? me.access : undefined });
  const label = `${endpoint.method} ${endpoint.path} ${typeof body === "string" ? body.slice(0, 80) : ""}`;
  assert.ok(reply.status >= 400 && reply.status < 500, `${label}: ${reply.status} ${reply.text.slice(0, 300)}`);
  if (status !== undefined) assert.equal(reply.status, status, `${label}: ${reply.text.slice(0, 300)}`);
  assertErrorBody(reply);
  if (endpoint.register) assert.equal(await userCount(), before, `${label} wrote a user`);
  return reply;
}

const JSON_HEADERS = { "content-type": "application/json" };
const exact = (endpoint: Endpoint) => endpoint.path !== "/api/token/";

/** Raw JSON texts whose field value is given as JSON source (so lone surrogates travel as `\ud800` escapes). */
function withRawField(endpoint: Endpoint, field: string, valueSource: string): string {
  const base = JSON.stringify({ ...endpoint.base(), [field]: "__VALUE__" });
  return base.replace('"__VALUE__"', valueSource);
}

for (const endpoint of ENDPOINTS) {
  describe(`${endpoint.method} ${endpoint.path}`, () => {
    test("malformed JSON → 400 JSON parse error", async () => {
      for (const text of ['{"email": ', "{'a': 1}", '{"a": 1,}', "{", "nul", '{"a": "\\x"}']) {
        const reply = await expectRejected(endpoint, text, JSON_HEADERS, 400);
        assert.match(reply.body.detail, /^JSON parse error - /, text);
      }
      const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
      const reply = await expectRejected(endpoint, invalidUtf8, JSON_HEADERS, 400);
      assert.match(reply.body.detail, /^JSON parse error - /);
    });

    test("JSON that is not an object → 400 JSON parse error", async () => {
      for (const text of ["[]", '[{"hobby": [1]}]', "1", '"text"', "null", "true"]) {
        const reply = await expectRejected(endpoint, text, JSON_HEADERS, 400);
        assert.match(reply.body.detail, /^JSON parse error - /, text);
      }
    });

    test("wrong content type → 415", async () => {
      const json = JSON.stringify(endpoint.base());
      await expectRejected(endpoint, json, { "content-type": "text/plain" }, 415);
      await expectRejected(endpoint, json, { "content-type": "application/xml" }, 415);
      await expectRejected(endpoint, new TextEncoder().encode(json), {}, 415);
      if (endpoint.path !== "/api/token/")
        await expectRejected(
          endpoint,
          new URLSearchParams({ hobby: "1" }).toString(),
          { "content-type": "application/x-www-form-urlencoded" },
          415,
        );
    });

    test("a body over 65 536 bytes with Content-Length → 413", async () => {
      const big = JSON.stringify({ ...endpoint.base(), first_name: "x".repeat(100_000) });
      await expectRejected(endpoint, big, JSON_HEADERS, 413);
      const justOver = JSON.stringify({ ...endpoint.base(), pad: "" }).replace('"pad":""', `"pad":"${"p".repeat(65_537)}"`);
      assert.ok(Buffer.byteLength(justOver) > 65_536);
      await expectRejected(endpoint, justOver, JSON_HEADERS, 413);
    });

    test("a chunked body over 65 536 bytes (node:http, no Content-Length) → 413, and the client can go on", async () => {
      const chunks = [Buffer.from('{"first_name": "'), ...Array.from({ length: 6 }, () => Buffer.alloc(16_384, 0x61)), Buffer.from('"}')];
      for (let attempt = 0; attempt < 2; attempt++) {
        const reply = await rawStreamed(endpoint, chunks);
        assert.equal(reply.status, 413, reply.text);
        assertErrorBody(reply);
      }
      const after = await rawStreamed(endpoint, [Buffer.from(JSON.stringify(endpoint.base()))]);
      assert.ok(after.status < 500 && after.status !== 413, `${after.status} ${after.text}`);
    });

    test("a streamed fetch body over 65 536 bytes → 413", async () => {
      await expectRejected(endpoint, streamOf(6, 16_384), JSON_HEADERS, 413);
    });

    test("exactly 65 536 bytes is within the limit (not 413)", async () => {
      const prefix = JSON.stringify({ ...endpoint.base(), pad: "" }).slice(0, -3);
      const body = `${prefix}"${"p".repeat(65_536 - prefix.length - 3)}"}`;
      assert.equal(Buffer.byteLength(body), 65_536);
      const reply = await request(baseUrl, endpoint.method, endpoint.path, {
        body,
        headers: JSON_HEADERS,
        access: endpoint.auth ? me.access : undefined,
      });
      assert.notEqual(reply.status, 413, reply.text.slice(0, 200));
      assert.ok(reply.status < 500, reply.text.slice(0, 200));
    });

    test("empty body", async () => {
      const reply = await request(baseUrl, endpoint.method, endpoint.path, {
        headers: JSON_HEADERS,
        access: endpoint.auth ? me.access : undefined,
      });
      if (endpoint.required.length === 0) {
        assert.equal(reply.status, 200, `a partial update with no fields changes nothing: ${reply.text}`);
        return;
      }
      const body = assertErrorBody(reply, 400);
      for (const field of endpoint.required) assert.deepEqual(body[field], ["This field is required."], reply.text);
    });

    test("wrong types, NUL bytes, lone surrogates and oversized strings in every field → 400", async () => {
      const values: Array<[string, string]> = [
        ["number", "123"],
        ["float", "1.5"],
        ["boolean", "true"],
        ["object", '{"a": 1}'],
        ["nested object", '{"a": {"b": [1, {"c": null}]}}'],
        ["NUL", '"a\\u0000b"'],
        ["lone high surrogate", '"x\\ud800y"'],
        ["lone low surrogate", '"\\udfff"'],
        ["reversed pair", '"\\udc00\\ud800"'],
        ["60k string", JSON.stringify("s".repeat(60_000))],
        ["deep array", "[".repeat(5_000) + "]".repeat(5_000)],
      ];
      for (const field of endpoint.fields) {
        for (const [label, source] of values) {
          // A number where a string belongs, and the reverse, are both 400; only these two are valid values.
          if ((field === "age" && label === "number") || (field === "is_active_pair" && label === "boolean")) continue;
          const reply = await expectRejected(endpoint, withRawField(endpoint, field, source), JSON_HEADERS);
          if (exact(endpoint)) {
            assert.equal(reply.status, 400, `${field} = ${label}: ${reply.text.slice(0, 200)}`);
            assert.ok(Array.isArray(reply.body[field]), `${field} = ${label}: ${reply.text.slice(0, 200)}`);
          }
        }
      }
    });

    test("NUL bytes and lone surrogates inside otherwise valid text → 400 naming the field", async () => {
      const valid: Record<string, string> = {
        email: uniqueEmail("nul"),
        password: STRONG_PASSWORD,
        first_name: "Анна",
        last_name: "Ли",
        tg_link: "@anna",
      };
      for (const field of endpoint.fields.filter((name) => name in valid)) {
        for (const bad of ["\\u0000", "\\ud800", "\\udfff", "\\udc00\\ud83d"]) {
          const value = valid[field]!;
          const source = `"${value.slice(0, 2)}${bad}${value.slice(2)}"`;
          const reply = await expectRejected(endpoint, withRawField(endpoint, field, source), JSON_HEADERS);
          if (exact(endpoint)) {
            assert.equal(reply.status, 400, `${field} with ${bad}: ${reply.text}`);
            assert.ok(Array.isArray(reply.body[field]), `${field} with ${bad}: ${reply.text}`);
          }
        }
      }
    });

    if (endpoint.fields.includes("hobby")) {
      test("hobby ids: unknown, strings, floats, negative, zero, huge, nested, null → 400", async () => {
        const cases = [
          "[99]",
          "[1, 99]",
          '["1"]',
          '["Спорт"]',
          "[1.5]",
          "[-1]",
          "[0]",
          "[2147483648]",
          "[1e20]",
          "[9007199254740993]",
          "[[1]]",
          "[null]",
          "[true]",
          '[{"id": 1}]',
          "99",
          '"1,2"',
          "{}",
          "null",
          JSON.stringify(Array.from({ length: 201 }, (_, i) => i + 1)),
        ];
        for (const source of cases) {
          const reply = await expectRejected(endpoint, withRawField(endpoint, "hobby", source), JSON_HEADERS, 400);
          assert.ok(Array.isArray(reply.body.hobby), `${source}: ${reply.text}`);
        }
        const unknown = await expectRejected(endpoint, withRawField(endpoint, "hobby", "[1, 99]"), JSON_HEADERS, 400);
        assert.deepEqual(unknown.body.hobby, ['Invalid pk "99" - object does not exist.']);
      });
    }
  });
}

describe("413 leaves the client able to go on", () => {
  const [endpoint] = ENDPOINTS as [Endpoint];
  const chunks = [Buffer.from('{"first_name": "'), ...Array.from({ length: 12 }, () => Buffer.alloc(16_384, 0x61)), Buffer.from('"}')];
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);

  for (const [label, options] of [
    ["chunked, uploading everything before reading the answer", { naive: true }],
    ["with Content-Length, uploading everything before reading the answer", { naive: true, contentLength: length }],
    ["with Content-Length, stopping at the answer", { contentLength: length }],
  ] as Array<[string, { naive?: boolean; contentLength?: number }]>) {
    test(label, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const reply = await rawStreamed(endpoint, chunks, options);
        assert.equal(reply.status, 413, reply.text);
        assertErrorBody(reply);
      }
      const next = await rawStreamed(endpoint, [Buffer.from(JSON.stringify(endpoint.base()))]);
      assert.equal(next.status, 201, next.text);
    });
  }
});

describe("controls: what is valid stays valid", () => {
  test("a surrogate pair (emoji) is not a lone surrogate", async () => {
    const reply = await request(baseUrl, "POST", "/users/api/register/", {
      body: `{"email": "${uniqueEmail()}", "password": "${STRONG_PASSWORD}", "first_name": "\\ud83d\\ude00 Ann"}`,
      headers: JSON_HEADERS,
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.user.first_name, "😀 Ann");
  });

  test("charset parameter on application/json is accepted", async () => {
    const reply = await request(baseUrl, "PATCH", "/users/api/hobby/", {
      body: '{"hobby": [2]}',
      headers: { "content-type": "application/json; charset=utf-8" },
      access: me.access,
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, [2]);
  });
});

function streamOf(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"first_name": "'));
      if (sent++ < chunks) controller.enqueue(new Uint8Array(size).fill(0x61));
      else {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      }
    },
  });
}

// One keep-alive agent for every raw request, as a long-lived client would use.
const keepAlive = new http.Agent({ keepAlive: true });

/**
 * A chunked request (no Content-Length unless given) through node:http, sent chunk by chunk the way a
 * streaming client does: stopping once the answer has arrived, or (naive) uploading everything first.
 * A socket error after the answer has arrived is not a failure.
 */
function rawStreamed(endpoint: Endpoint, chunks: Buffer[], options: { naive?: boolean; contentLength?: number } = {}): Promise<Reply> {
  const url = new URL(endpoint.path, baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, {
      agent: keepAlive,
      method: endpoint.method,
      headers: {
        "content-type": "application/json",
        ...(endpoint.auth ? { authorization: `Bearer ${me.access}` } : {}),
        ...(options.contentLength ? { "content-length": String(options.contentLength) } : {}),
      },
    });
    req.on("response", (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: new Headers(res.headers as Record<string, string>),
          text,
          body,
          cookies: (res.headers["set-cookie"] ?? []).map(parseSetCookie),
        });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (!options.contentLength) assert.equal(req.getHeader("content-length"), undefined);
    (async () => {
      for (const chunk of chunks) {
        if ((answered && !options.naive) || req.destroyed) return;
        await new Promise((flushed) => req.write(chunk, flushed));
        await new Promise((pause) => setTimeout(pause, 5));
      }
      if ((!answered || options.naive) && !req.destroyed) req.end();
    })().catch(() => {});
  });
}
