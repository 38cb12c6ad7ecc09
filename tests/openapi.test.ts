import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { test } from "node:test";

test("GET /api/openapi.json describes every documented route from the validation schemas", async () => {
  const { baseUrl } = await startApp();
  const response = await fetch(`${baseUrl}/api/openapi.json`);
  assert.equal(response.status, 200);
  const document = await response.json();
  assert.equal(document.openapi, "3.1.0");

  const register = document.paths["/users/api/register/"].post;
  const registerBody = register.requestBody.content["application/json"].schema;
  assert.deepEqual(registerBody.required, ["email", "password"]);
  assert.equal(registerBody.properties.first_name.maxLength, 150);
  assert.deepEqual(Object.keys(register.responses).sort(), ["201", "400"]);
  assert.ok(document.paths["/api/pairs/"].get.security, "authenticated routes declare their security");

  // Every documented operation is a real route: it never gets the unknown-path 404 or a 405.
  for (const [path, operations] of Object.entries<Record<string, unknown>>(document.paths)) {
    for (const method of Object.keys(operations)) {
      const hasBody = method !== "get";
      const probe = await fetch(baseUrl + path, {
        method: method.toUpperCase(),
        ...(hasBody ? { headers: { "content-type": "application/json" }, body: "{}" } : {}),
      });
      assert.ok(![404, 405].includes(probe.status), `${method.toUpperCase()} ${path} answered ${probe.status}`);
    }
  }
});
