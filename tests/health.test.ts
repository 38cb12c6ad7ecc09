import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

// Imported in sequence, not statically: the proxy must rewrite TEST_DATABASE_URL before the
// harness creates this file's database (static imports with top-level await may interleave).
const { databaseProxy } = await import("./support/db-proxy");
const { startApp } = await import("./support/app");

describe("GET /api/health", () => {
  test("answers ok with the database reachable, on both slash forms", async () => {
    const { baseUrl } = await startApp();
    for (const path of ["/api/health", "/api/health/"]) {
      const response = await fetch(baseUrl + path, { redirect: "manual" });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: "ok", db: "ok" });
    }
  });

  test(
    "answers 503 while the database is unreachable and recovers by itself",
    { skip: databaseProxy.active ? false : "needs TEST_DATABASE_URL: the embedded database cannot become unreachable" },
    async () => {
      const { baseUrl } = await startApp();
      databaseProxy.cut();
      const down = await fetch(`${baseUrl}/api/health`);
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), { status: "error", db: "unreachable" });

      databaseProxy.restore();
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        status = (await fetch(`${baseUrl}/api/health`)).status;
        if (status !== 200) await sleep(200);
      }
      assert.equal(status, 200);
    },
  );
});
