import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { SPA_ORIGIN } from "./support/env";
import { get, headerList, postJson, request, signUp, type Reply, type SignedUp } from "./support/requests";
import { assert401 } from "./support/tokens";

const { baseUrl } = await startApp();
let user: SignedUp;

before(async () => {
  user = await signUp(baseUrl);
});

const FOREIGN_ORIGIN = "http://evil.example";

function preflight(path: string, origin: string, method = "POST"): Promise<Response> {
  return fetch(new URL(path, baseUrl), {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization, content-type" },
  });
}

/** Credentialed CORS for the listed origin: echoed (never `*`), credentials allowed, varying by Origin. */
function assertCorsFor(headers: Headers, origin: string): void {
  assert.equal(headers.get("access-control-allow-origin"), origin);
  assert.equal(headers.get("access-control-allow-credentials"), "true");
  assert.ok(headerList(headers.get("vary")).includes("origin"), `Vary: ${headers.get("vary")}`);
}

function assertNoCors(headers: Headers): void {
  assert.equal(headers.get("access-control-allow-origin"), null);
  assert.equal(headers.get("access-control-allow-credentials"), null);
  assert.ok(headerList(headers.get("vary")).includes("origin"), "the answer still varies by Origin (shared caches)");
}

describe("preflight", () => {
  const paths = [
    "/api/token/",
    "/api/token",
    "/api/token/refresh/",
    "/api/token/blacklist/",
    "/api/token/verify/",
    "/auth/users/me/",
    "/users/api/hobby/total/",
    "/api/no-such-endpoint/",
    "/users/api/no/such/thing",
    "/auth/nothing-here/",
    "/api",
    "/auth",
  ];

  for (const path of paths) {
    test(`OPTIONS ${path} from the listed origin is answered with credentialed CORS`, async () => {
      const response = await preflight(path, SPA_ORIGIN, "PATCH");
      assert.ok(response.status === 200 || response.status === 204, `status ${response.status}`);
      assertCorsFor(response.headers, SPA_ORIGIN);
      const allowHeaders = headerList(response.headers.get("access-control-allow-headers"));
      for (const name of ["authorization", "content-type"]) assert.ok(allowHeaders.includes(name), `Allow-Headers lacks ${name}`);
      const allowMethods = headerList(response.headers.get("access-control-allow-methods")).map((method) => method.toUpperCase());
      for (const method of ["PUT", "PATCH", "DELETE", "POST"]) assert.ok(allowMethods.includes(method), `Allow-Methods lacks ${method}`);
    });
  }

  test("an unlisted origin gets no CORS grant", async () => {
    for (const origin of [FOREIGN_ORIGIN, `${SPA_ORIGIN}.evil.example`, SPA_ORIGIN.replace("http:", "https:"), "null"]) {
      for (const path of ["/api/token/", "/api/no-such-endpoint/"]) {
        const response = await preflight(path, origin);
        assert.ok(response.status < 500, `status ${response.status}`);
        assertNoCors(response.headers);
        assert.equal(response.headers.get("access-control-allow-methods"), null);
        assert.equal(response.headers.get("access-control-allow-headers"), null);
      }
    }
  });
});

describe("actual requests", () => {
  const fromSpa = { headers: { origin: SPA_ORIGIN } };

  test("a successful login from the SPA is readable and sets the cookie", async () => {
    const response = await postJson(baseUrl, "/api/token/", { email: user.email, password: user.password }, fromSpa);
    assert.equal(response.status, 200);
    assertCorsFor(response.headers, SPA_ORIGIN);
    assert.ok(response.cookies.some((cookie) => cookie.name === "refresh_token"));
  });

  test("error answers carry the CORS headers too", async () => {
    const answers: Array<[string, Reply, number]> = [
      ["wrong password", await postJson(baseUrl, "/api/token/", { email: user.email, password: "Wrong-pass-1" }, fromSpa), 401],
      ["no credentials", await get(baseUrl, "/auth/users/me/", fromSpa), 401],
      ["bad refresh", await postJson(baseUrl, "/api/token/refresh/", { refresh: "garbage" }, fromSpa), 401],
      ["bad verify", await postJson(baseUrl, "/api/token/verify/", { token: "garbage" }, fromSpa), 401],
      ["missing field", await postJson(baseUrl, "/api/token/", { email: user.email }, fromSpa), 400],
      ["bad logout", await postJson(baseUrl, "/api/token/blacklist/", { refresh: "garbage" }, fromSpa), 400],
      [
        "bad JSON",
        await request(baseUrl, "POST", "/api/token/", {
          body: "{oops",
          headers: { origin: SPA_ORIGIN, "content-type": "application/json" },
        }),
        400,
      ],
      ["unknown path", await get(baseUrl, "/api/no-such-endpoint/", fromSpa), 404],
      ["unknown gen-2 path", await get(baseUrl, "/users/api/no-such-endpoint", fromSpa), 404],
      ["wrong method", await get(baseUrl, "/api/token/refresh/", fromSpa), 405],
      [
        "media type",
        await request(baseUrl, "POST", "/api/token/", { body: "x", headers: { origin: SPA_ORIGIN, "content-type": "text/plain" } }),
        415,
      ],
    ];
    for (const [name, response, status] of answers) {
      assert.equal(response.status, status, name);
      assertCorsFor(response.headers, SPA_ORIGIN);
      assert.equal(typeof response.body.error, "string", name);
    }
    assert401(answers[1]![1]);
  });

  test("authenticated reads with a Bearer token from the SPA", async () => {
    const response = await get(baseUrl, "/auth/users/me/", { headers: { origin: SPA_ORIGIN, authorization: `Bearer ${user.access}` } });
    assert.equal(response.status, 200);
    assertCorsFor(response.headers, SPA_ORIGIN);
  });

  test("an unlisted origin gets no CORS headers, on success or error", async () => {
    const fromForeign = { headers: { origin: FOREIGN_ORIGIN } };
    const ok = await postJson(baseUrl, "/api/token/", { email: user.email, password: user.password }, fromForeign);
    assert.equal(ok.status, 200);
    assertNoCors(ok.headers);
    const notFound = await get(baseUrl, "/api/no-such-endpoint/", fromForeign);
    assert.equal(notFound.status, 404);
    assertNoCors(notFound.headers);
  });

  test("same-origin and origin-less requests vary by Origin and carry no grant", async () => {
    const noOrigin = await get(baseUrl, "/api/no-such-endpoint/");
    assertNoCors(noOrigin.headers);
    const own = await get(baseUrl, "/users/api/hobby/all/", { headers: { origin: "http://localhost:3000" } });
    assert.equal(own.status, 200);
    assert.ok(headerList(own.headers.get("vary")).includes("origin"));
    assert.notEqual(own.headers.get("access-control-allow-origin"), "*");
  });
});
