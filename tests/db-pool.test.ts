import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import { startApp } from "./support/app";
import { db } from "@/db/client";

// The pool runs at most a few queries per connection; a transaction must still get a connection of its
// own when every connection is busy (postgres.js with max_pipeline 1 pipelined its BEGIN behind a running
// query instead and failed it with UNSAFE_TRANSACTION, a 500 the fuzzer found on the token refresh).
test("transactions started while every pooled connection is busy still run, each on its own connection", async () => {
  await startApp();
  // Every connection opened and idle first, then busy with a slow read, then more work than connections.
  await Promise.all(Array.from({ length: 20 }, () => db.execute(sql`select 1`)));
  const work: Array<Promise<unknown>> = [];
  for (let wave = 0; wave < 40; wave++) {
    // `.then` now: a Drizzle query runs when it is awaited, and it must hold its connection before the transactions start.
    for (let index = 0; index < 8 + (wave % 5); index++) work.push(db.execute(sql`select pg_sleep(0.01)`).then((rows) => rows));
    for (let index = 0; index < 1 + (wave % 3); index++)
      work.push(
        db.transaction(async (tx) => {
          await tx.execute(sql`select ${index}::int`);
          await tx.execute(sql`select pg_sleep(0.005)`);
        }),
      );
    if (wave % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
  }
  const results = await Promise.allSettled(work);
  const failures = results
    .filter((result) => result.status === "rejected")
    .map((result) => String((result as PromiseRejectedResult).reason));
  assert.deepEqual(failures, []);
});
