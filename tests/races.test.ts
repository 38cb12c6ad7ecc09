import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { userHobbies, users } from "@/db/schema";
import { get, patchJson, postJson, request, signUp, STRONG_PASSWORD, uniqueEmail } from "./support/requests";

// Double clicks and parallel tabs: the same write sent several times at once must never answer 500
// nor leave a state that no single request would have produced.
const { baseUrl } = await startApp();

const sameSet = (ids: number[]) => JSON.stringify([...ids].sort((a, b) => a - b));

describe("concurrent writes", () => {
  test("simultaneous sign-ups with one email (any case): one 201, the rest the duplicate-email 400", async () => {
    const email = uniqueEmail("race");
    const variants = [email, email.toUpperCase(), email, ` ${email}`, email.replace("race", "RACE"), email, email, email];
    const replies = await Promise.all(
      variants.map((variant, i) =>
        postJson(baseUrl, i % 2 ? "/api/register/" : "/users/api/register/", { email: variant, password: STRONG_PASSWORD, hobby: [1, 2] }),
      ),
    );
    const created = replies.filter((reply) => reply.status === 201);
    assert.equal(created.length, 1, replies.map((reply) => `${reply.status} ${reply.text.slice(0, 120)}`).join("\n"));
    for (const reply of replies.filter((reply) => reply.status !== 201)) {
      assert.equal(reply.status, 400, reply.text);
      assert.deepEqual(reply.body, { email: ["user with this email already exists."], error: "Пользователь с таким email уже существует" });
    }
    const rows = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`);
    assert.equal(rows.length, 1);
    const links = await db.select().from(userHobbies).where(eq(userHobbies.userId, rows[0]!.id));
    assert.equal(sameSet(links.map((link) => link.hobbyId)), sameSet([1, 2]));
  });

  test("the same hobby set PATCHed several times at once: every answer 200, the set stored once", async () => {
    const me = await signUp(baseUrl, { hobby: [5] });
    for (const prefix of ["/users/api", "/api"]) {
      const replies = await Promise.all(
        Array.from({ length: 8 }, () => patchJson(baseUrl, `${prefix}/hobby/`, { hobby: [1, 2, 3] }, { access: me.access })),
      );
      for (const reply of replies) {
        assert.equal(reply.status, 200, reply.text);
        assert.deepEqual(reply.body, [1, 2, 3]);
      }
      const links = await db.select().from(userHobbies).where(eq(userHobbies.userId, me.user.id));
      assert.equal(sameSet(links.map((link) => link.hobbyId)), sameSet([1, 2, 3]));
    }
  });

  test("different hobby sets at once: every answer 200 and the result is one of them", async () => {
    const me = await signUp(baseUrl);
    const sets = [[1, 2], [2, 3], [3, 4], [1, 4], [5], [1, 2, 3, 4, 5], [6, 1], [2]];
    const replies = await Promise.all(
      sets.map((set, i) =>
        i % 2
          ? patchJson(baseUrl, "/users/api/hobby/", { hobby: set }, { access: me.access })
          : patchJson(baseUrl, "/api/update/user/", { hobby: set }, { access: me.access }),
      ),
    );
    for (const reply of replies) assert.equal(reply.status, 200, reply.text);
    const links = await db.select().from(userHobbies).where(eq(userHobbies.userId, me.user.id));
    const stored = sameSet(links.map((link) => link.hobbyId));
    assert.ok(
      sets.some((set) => sameSet(set) === stored),
      `stored ${stored} is none of the sets sent`,
    );
    const shown = await get(baseUrl, "/auth/users/me/", { access: me.access });
    assert.equal(sameSet(shown.body.hobby), stored);
  });

  test("profile updates at once (PATCH and PUT on every path) never fail", async () => {
    const me = await signUp(baseUrl, { hobby: [1] });
    const paths: Array<[string, string]> = [
      ["PATCH", "/auth/users/me/"],
      ["PUT", "/auth/users/me/"],
      ["PATCH", "/users/api/update/user/"],
      ["PATCH", "/api/update/user/"],
      ["PATCH", "/api/auth/users/me/"],
    ];
    const replies = await Promise.all(
      paths.flatMap(([method, path], i) =>
        [0, 1].map((j) =>
          request(baseUrl, method, path, { access: me.access, json: { first_name: `N${i}${j}`, hobby: [1 + ((i + j) % 3), 4] } }),
        ),
      ),
    );
    for (const reply of replies) assert.equal(reply.status, 200, reply.text);
  });
});
