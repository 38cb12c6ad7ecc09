import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SPA_ORIGIN } from "./support/env";
import { assertErrorBody, get, patchJson, postJson, request, signUp, uniqueEmail, STRONG_PASSWORD } from "./support/requests";

const { baseUrl } = await startApp();
const me = await signUp(baseUrl, { hobby: [1] });

type Case = { method: string; path: string; status: number; auth?: boolean; json?: unknown; fresh?: () => unknown };

// Every endpoint this suite owns, with what a correct request answers.
const CASES: Case[] = [
  { method: "POST", path: "/users/api/register/", status: 201, fresh: () => ({ email: uniqueEmail(), password: STRONG_PASSWORD }) },
  { method: "POST", path: "/api/register/", status: 201, fresh: () => ({ email: uniqueEmail(), password: STRONG_PASSWORD }) },
  { method: "GET", path: "/auth/users/me/", status: 200, auth: true },
  { method: "POST", path: "/auth/users/me/", status: 200, auth: true },
  { method: "PATCH", path: "/auth/users/me/", status: 200, auth: true, json: { first_name: "A" } },
  { method: "PUT", path: "/auth/users/me/", status: 200, auth: true, json: { first_name: "B" } },
  { method: "PATCH", path: "/users/api/update/user/", status: 200, auth: true, json: { last_name: "C" } },
  { method: "PATCH", path: "/api/update/user/", status: 200, auth: true, json: { last_name: "D" } },
  { method: "GET", path: "/api/auth/users/me/", status: 200, auth: true },
  { method: "PATCH", path: "/api/auth/users/me/", status: 200, auth: true, json: { tg_link: "@e" } },
  { method: "GET", path: "/users/api/pairs/", status: 200, auth: true },
  { method: "GET", path: "/api/pairs/", status: 200, auth: true },
  { method: "GET", path: "/users/api/hobby/", status: 200, auth: true },
  { method: "GET", path: "/users/api/tags/", status: 200, auth: true },
  { method: "GET", path: "/api/hobby/", status: 200, auth: true },
  { method: "PATCH", path: "/users/api/hobby/", status: 200, auth: true, json: { hobby: [1, 2] } },
  { method: "PATCH", path: "/api/hobby/", status: 200, auth: true, json: { hobby: [2] } },
  { method: "GET", path: "/users/api/hobby/all/", status: 200 },
  { method: "GET", path: "/api/hobby/all/", status: 200 },
  { method: "GET", path: "/users/api/hobby/total/", status: 200, auth: true },
  { method: "GET", path: "/api/hobby/total/", status: 200, auth: true },
  { method: "GET", path: "/users/api/days-to-match/", status: 200 },
  { method: "GET", path: "/api/days-to-match/", status: 200 },
  { method: "GET", path: "/api/health/", status: 200 },
  { method: "POST", path: "/users/api/tg-auth/", status: 503, json: {} },
  { method: "POST", path: "/api/tg-auth/", status: 503, json: {} },
];

describe("trailing slash is optional", () => {
  for (const testCase of CASES) {
    test(`${testCase.method} ${testCase.path} with and without the final slash`, async () => {
      for (const path of [testCase.path, testCase.path.replace(/\/$/, "")]) {
        const reply = await request(baseUrl, testCase.method, path, {
          access: testCase.auth ? me.access : undefined,
          json: testCase.fresh ? testCase.fresh() : testCase.json,
        });
        assert.ok(reply.status < 300 || reply.status >= 400, `${path} redirected: ${reply.status} ${reply.headers.get("location")}`);
        assert.equal(reply.status, testCase.status, `${testCase.method} ${path}: ${reply.text}`);
        assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
      }
    });
  }
});

describe("unknown paths", () => {
  test("answer a JSON 404 with detail and error under /api, /users/api and /auth", async () => {
    const paths = [
      "/api/nope",
      "/api/nope/",
      "/api/hobby/nope/",
      "/api/pairs/extra",
      "/api/auth/users/nope/",
      "/users/api/nope/",
      "/users/api/hobby/all/extra/",
      "/users/api/register/extra",
      "/auth/nope",
      "/auth/users/me/extra/",
    ];
    for (const path of paths) {
      for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
        const reply = await request(baseUrl, method, path, method === "GET" || method === "DELETE" ? {} : { json: {} });
        assert.equal(reply.status, 404, `${method} ${path}: ${reply.status} ${reply.text}`);
        assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
        assert.equal(reply.body.detail, "Not found.");
        assertErrorBody(reply, 404);
      }
    }
  });
});

describe("wrong method", () => {
  const cases: Array<[string, string, string[]]> = [
    ["GET", "/users/api/register/", ["POST"]],
    ["PUT", "/api/register", ["POST"]],
    ["DELETE", "/users/api/hobby/", ["GET", "PATCH"]],
    ["POST", "/api/hobby/all/", ["GET"]],
    ["PATCH", "/users/api/pairs/", ["GET"]],
    ["POST", "/api/days-to-match", ["GET"]],
    ["GET", "/users/api/update/user/", ["PATCH"]],
    ["PUT", "/api/auth/users/me/", ["GET", "PATCH"]],
    ["DELETE", "/api/health", ["GET"]],
    ["GET", "/api/tg-auth/", ["POST"]],
  ];
  for (const [method, path, allowed] of cases) {
    test(`${method} ${path} → 405 JSON with Allow`, async () => {
      const reply = await request(baseUrl, method, path, { access: me.access });
      assert.equal(reply.status, 405, reply.text);
      assert.equal(reply.body.detail, `Method "${method}" not allowed.`);
      assertErrorBody(reply, 405);
      const allow = (reply.headers.get("allow") ?? "").split(",").map((item) => item.trim());
      for (const item of allowed) assert.ok(allow.includes(item), `${item} in Allow: ${allow}`);
      assert.ok(!allow.includes(method), `${method} not in Allow: ${allow}`);
    });
  }

  test("the contract's example body exactly", async () => {
    const reply = await get(baseUrl, "/api/register/");
    assert.equal(reply.status, 405);
    assert.equal(reply.body.detail, 'Method "GET" not allowed.');
    assert.ok(reply.headers.get("allow"));
  });
});

describe("operations", () => {
  test("GET /api/health → 200 {status: ok, db: ok}", async () => {
    for (const path of ["/api/health", "/api/health/"]) {
      const reply = await get(baseUrl, path);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { status: "ok", db: "ok" });
    }
  });

  test("POST …/tg-auth/ → 503 JSON with error while no bot is configured", async () => {
    for (const path of ["/users/api/tg-auth/", "/api/tg-auth/"]) {
      const widget = { id: 123456789, first_name: "T", auth_date: Math.floor(Date.now() / 1000), hash: "0".repeat(64) };
      for (const options of [{}, { access: me.access }]) {
        const reply = await postJson(baseUrl, path, widget, options);
        assert.equal(reply.status, 503, reply.text);
        assert.equal(typeof reply.body.error, "string");
        assert.ok(reply.body.error.length > 0);
      }
    }
  });
});

describe("CORS and cookie authentication", () => {
  test("a listed origin gets credentialed CORS on successes and errors alike, never *", async () => {
    const replies = [
      await get(baseUrl, "/api/hobby/all/", { headers: { origin: SPA_ORIGIN } }),
      await postJson(baseUrl, "/api/register/", { email: "bad" }, { headers: { origin: SPA_ORIGIN } }),
      await get(baseUrl, "/api/pairs/", { headers: { origin: SPA_ORIGIN } }),
      await request(baseUrl, "DELETE", "/api/hobby/", { headers: { origin: SPA_ORIGIN } }),
      await get(baseUrl, "/api/nope/", { headers: { origin: SPA_ORIGIN } }),
    ];
    assert.deepEqual(
      replies.map((reply) => reply.status),
      [200, 400, 401, 405, 404],
    );
    for (const reply of replies) {
      assert.equal(reply.headers.get("access-control-allow-origin"), SPA_ORIGIN);
      assert.equal(reply.headers.get("access-control-allow-credentials"), "true");
      assert.match(reply.headers.get("vary") ?? "", /\bOrigin\b/);
    }
    const foreign = await get(baseUrl, "/api/hobby/all/", { headers: { origin: "http://evil.example" } });
    assert.equal(foreign.status, 200);
    assert.equal(foreign.headers.get("access-control-allow-origin"), null);
  });

  test("preflight is answered for the API paths, naming authorization, content-type and PATCH", async () => {
    for (const path of ["/users/api/hobby/", "/api/hobby", "/api/auth/users/me/", "/users/api/register/", "/api/unknown/"]) {
      const reply = await request(baseUrl, "OPTIONS", path, {
        headers: {
          origin: SPA_ORIGIN,
          "access-control-request-method": "PATCH",
          "access-control-request-headers": "authorization, content-type",
        },
      });
      assert.ok(reply.status === 200 || reply.status === 204, `${path}: ${reply.status}`);
      assert.equal(reply.headers.get("access-control-allow-origin"), SPA_ORIGIN);
      const headers = (reply.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/\s*,\s*/);
      for (const name of ["authorization", "content-type"]) assert.ok(headers.includes(name), `${name} in ${headers}`);
      const methods = (reply.headers.get("access-control-allow-methods") ?? "").split(/\s*,\s*/);
      for (const method of ["PUT", "PATCH", "DELETE"]) assert.ok(methods.includes(method), `${method} in ${methods}`);
    }
  });

  test("the access_token cookie authenticates; a foreign Origin on a write is refused with 403", async () => {
    const cookie = { cookie: `access_token=${me.access}` };
    assert.equal((await get(baseUrl, "/api/hobby/", { headers: cookie })).status, 200);
    assert.equal((await get(baseUrl, "/api/hobby/", { headers: { ...cookie, origin: "http://evil.example" } })).status, 200);
    for (const origin of [undefined, SPA_ORIGIN, "http://localhost:3000"]) {
      const reply = await patchJson(baseUrl, "/api/hobby/", { hobby: [3] }, { headers: { ...cookie, ...(origin ? { origin } : {}) } });
      assert.equal(reply.status, 200, `${origin}: ${reply.text}`);
    }
    for (const [method, path, json] of [
      ["PATCH", "/api/hobby/", { hobby: [4] }],
      ["PATCH", "/users/api/update/user/", { first_name: "Evil" }],
      ["PUT", "/auth/users/me/", { first_name: "Evil" }],
    ] as const) {
      const reply = await request(baseUrl, method, path, { json, headers: { ...cookie, origin: "http://evil.example" } });
      assertErrorBody(reply, 403);
    }
    const after = await get(baseUrl, "/auth/users/me/", { access: me.access });
    assert.deepEqual(after.body.hobby, [3]);
    assert.notEqual(after.body.first_name, "Evil");
    // A bearer token is not ambient authority: the Origin does not matter.
    const bearer = await patchJson(
      baseUrl,
      "/api/hobby/",
      { hobby: [5] },
      { access: me.access, headers: { origin: "http://evil.example" } },
    );
    assert.equal(bearer.status, 200, bearer.text);
  });
});
