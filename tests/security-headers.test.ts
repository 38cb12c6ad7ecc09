// What every answer carries whatever is asked: security headers, a per-request CSP nonce on the pages
// (and on every script Next puts in them), no X-Powered-By; the contract's JSON 405 for methods no
// route answers (TRACE …); the body limit applied before the method check.
import { startApp } from "./support/app";
import assert from "node:assert/strict";
import http from "node:http";
import { describe, test } from "node:test";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";
import { get, postJson, request } from "./support/requests";

const { baseUrl } = await startApp();

function assertSecurityHeaders(headers: Headers, label: string): void {
  assert.equal(headers.get("x-content-type-options"), "nosniff", label);
  assert.equal(headers.get("x-frame-options"), "DENY", label);
  assert.equal(headers.get("referrer-policy"), "strict-origin-when-cross-origin", label);
  assert.equal(headers.get("x-powered-by"), null, label);
  assert.match(headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, label);
  assert.equal(headers.get("content-security-policy")?.includes(","), false, `${label}: one policy, not two`);
}

/** One raw request with any method (fetch refuses TRACE and CONNECT). */
function rawRequest(method: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${baseUrl}${path}`, { method }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("security headers", () => {
  test("a page: a fresh nonce per request in its CSP, on each of its scripts", async () => {
    const nonces: string[] = [];
    for (let visit = 0; visit < 2; visit++) {
      const page = await get(baseUrl, "/login", { expectJson: false });
      assert.equal(page.status, 200);
      assertSecurityHeaders(page.headers, "/login");
      const policy = page.headers.get("content-security-policy")!;
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
      assert.ok(nonce, policy);
      assert.match(policy, /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      assert.ok(scripts.length > 0);
      for (const script of scripts) assert.ok(script.includes(`nonce="${nonce}"`), `a script without the nonce: ${script}`);
      nonces.push(nonce);
    }
    assert.notEqual(nonces[0], nonces[1]);
  });

  test("API answers carry them too", async () => {
    const reply = await get(baseUrl, "/api/hobby/all/");
    assert.equal(reply.status, 200);
    assertSecurityHeaders(reply.headers, "/api/hobby/all/");
  });

  test("HSTS is sent where the site is served over https", () => {
    assert.equal(securityHeaders({ https: false })["Strict-Transport-Security"], undefined);
    assert.match(securityHeaders({ https: true })["Strict-Transport-Security"] ?? "", /^max-age=\d+/);
    // The Telegram Login Widget may run: its script (loaded by a nonced script) and its iframe.
    const policy = contentSecurityPolicy({ nonce: "abc", development: false });
    assert.match(policy, /frame-src https:\/\/oauth\.telegram\.org/);
    assert.doesNotMatch(policy, /unsafe-eval/);
  });
});

describe("methods and bodies no route takes", () => {
  test("other methods no route takes are refused with a 4xx, never a 5xx", async () => {
    for (const method of ["TRACK", "PROPFIND", "MKCOL"]) {
      for (const path of ["/api/pairs/", "/login"]) {
        const reply = await rawRequest(method, path);
        assert.ok(reply.status >= 400 && reply.status < 500, `${method} ${path}: ${reply.status} ${reply.body}`);
      }
    }
  });

  for (const [method, paths] of [
    ["TRACE", ["/api/pairs/", "/users/api/hobby/all/", "/login"]],
    ["PROPFIND", ["/login", "/matches", "/api/pairs/", "/users/api/hobby/all/", "/auth/me", "/api/nope"]],
  ] as const) {
    test(`${method} on ${paths.join(", ")} is the JSON 405 with Allow`, async () => {
      for (const path of paths) {
        const reply = await rawRequest(method, path);
        assert.equal(reply.status, 405, `${method} ${path}: ${reply.body}`);
        assert.match(String(reply.headers.allow), /GET/);
        const body = JSON.parse(reply.body);
        assert.equal(body.detail, `Method "${method}" not allowed.`);
        assert.equal(typeof body.error, "string");
      }
    });
  }

  test("an API path whose percent-escapes do not decode is a JSON 400, not Next's plain-text 500", async () => {
    // Found by tests/fuzz.test.ts.
    for (const path of ["/api/%ZZ", "/api/hobby/all%ZZ/", "/users/api/user-by-chat-id/%ZZ/", "/auth/%C0%AF", "/api/photos/%E0%A4%A"]) {
      const reply = await request(baseUrl, "GET", path);
      assert.equal(reply.status, 400, `${path}: ${reply.text}`);
      assert.equal(typeof reply.body.error, "string", path);
    }
  });

  test("a body over the limit to a path without that method is the 413, not a 405 after reading it all", async () => {
    const big = JSON.stringify({ padding: "a".repeat(200_000) });
    const declared = await request(baseUrl, "POST", "/api/hobby/all/", { body: big, headers: { "content-type": "application/json" } });
    assert.equal(declared.status, 413, declared.text);

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 100 * 1024 * 1024) return controller.close();
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(0x61));
      },
    });
    const streamed = await request(baseUrl, "POST", "/api/days-to-match/", {
      body: endless,
      headers: { "content-type": "application/json" },
    });
    assert.equal(streamed.status, 413, streamed.text);
    assert.ok(pulled < 10 * 1024 * 1024, `the server read ${pulled} bytes of a body it refused`);
  });

  test("within the limit, a wrong method is still the 405", async () => {
    const reply = await postJson(baseUrl, "/api/hobby/all/", { a: 1 });
    assert.equal(reply.status, 405);
    assert.match(reply.headers.get("allow") ?? "", /GET/);
  });
});
