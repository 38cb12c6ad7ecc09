import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { userHobbies } from "@/db/schema";
import { listAllHobbies } from "@/lib/hobbies/queries";
import { assertError, assertErrorBody, assertNoCredentials, get, patchJson, request, signUp } from "./support/requests";

const { baseUrl } = await startApp();

const PREFIXES = ["/users/api", "/api"];
type Hobby = { id: number; name: string };

async function allHobbies(prefix = "/users/api"): Promise<Hobby[]> {
  const reply = await get(baseUrl, `${prefix}/hobby/all/`);
  assert.equal(reply.status, 200, reply.text);
  return reply.body;
}

async function storedHobbyIds(userId: number): Promise<number[]> {
  const rows = await db.select().from(userHobbies).where(eq(userHobbies.userId, userId));
  return rows.map((row) => row.hobbyId).sort((a, b) => a - b);
}

describe("all hobbies", () => {
  test("the catalogue is read from the database once and shared by later reads", async () => {
    const first = await listAllHobbies();
    assert.ok(first.length > 0);
    assert.equal(await listAllHobbies(), first);
  });

  test("GET …/hobby/all/ without auth: [{id, name}] ordered by id, the seeded Russian list", async () => {
    for (const prefix of PREFIXES) {
      const hobbies = await allHobbies(prefix);
      assert.ok(Array.isArray(hobbies));
      assert.ok(hobbies.length >= 25 && hobbies.length <= 40, `about 30 seeded, got ${hobbies.length}`);
      for (const hobby of hobbies) {
        assert.deepEqual(Object.keys(hobby).sort(), ["id", "name"]);
        assert.ok(Number.isInteger(hobby.id));
        assert.match(hobby.name, /[А-Яа-яЁё]/);
      }
      const ids = hobbies.map((hobby) => hobby.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
      assert.equal(new Set(ids).size, ids.length);
      const names = hobbies.map((hobby) => hobby.name);
      for (const name of ["Программирование", "Спорт", "Музыка"]) assert.ok(names.includes(name), name);
    }
    assert.deepEqual(await allHobbies("/users/api"), await allHobbies("/api"));
  });
});

describe("my hobbies", () => {
  test("GET …/hobby/, /users/api/tags/ and /api/hobby/ answer the user's hobby names", async () => {
    const all = await allHobbies();
    const [first, second, third] = all as [Hobby, Hobby, Hobby];
    const me = await signUp(baseUrl, { hobby: [third.id, first.id] });
    for (const path of ["/users/api/hobby/", "/users/api/tags/", "/api/hobby/"]) {
      const reply = await get(baseUrl, path, { access: me.access });
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
      assert.deepEqual(reply.body, [first.name, third.name], path);
    }
    const none = await signUp(baseUrl);
    assert.deepEqual((await get(baseUrl, "/api/hobby/", { access: none.access })).body, []);
    void second;
  });

  test("PATCH …/hobby/ replaces the whole set, answers the ids and is reflected everywhere", async () => {
    const all = await allHobbies();
    for (const prefix of PREFIXES) {
      const me = await signUp(baseUrl, { hobby: [all[5]!.id] });
      const set = [all[1]!.id, all[0]!.id];
      const reply = await patchJson(baseUrl, `${prefix}/hobby/`, { hobby: set }, { access: me.access });
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(reply.body, [all[0]!.id, all[1]!.id]);
      assert.deepEqual(await storedHobbyIds(me.user.id), [all[0]!.id, all[1]!.id]);
      assert.deepEqual((await get(baseUrl, `${prefix}/hobby/`, { access: me.access })).body, [all[0]!.name, all[1]!.name]);
      assert.deepEqual((await get(baseUrl, "/auth/users/me/", { access: me.access })).body.hobby, [all[0]!.id, all[1]!.id]);
      assert.deepEqual((await get(baseUrl, "/api/auth/users/me/", { access: me.access })).body.hobby, [all[0], all[1]]);

      const cleared = await patchJson(baseUrl, `${prefix}/hobby/`, { hobby: [] }, { access: me.access });
      assert.equal(cleared.status, 200, cleared.text);
      assert.deepEqual(cleared.body, []);
      assert.deepEqual(await storedHobbyIds(me.user.id), []);
    }
  });

  test("PATCH with the exact DRF example body answers [1, 2]", async () => {
    const me = await signUp(baseUrl);
    const reply = await patchJson(baseUrl, "/users/api/hobby/", { hobby: [1, 2] }, { access: me.access });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, [1, 2]);
  });

  test("PATCH with repeated ids stores and answers each once", async () => {
    const me = await signUp(baseUrl);
    const reply = await patchJson(baseUrl, "/api/hobby/", { hobby: [3, 1, 3, 1] }, { access: me.access });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body, [1, 3]);
    assert.deepEqual(await storedHobbyIds(me.user.id), [1, 3]);
  });

  test("PATCH errors: unknown id, not a list, strings, missing → 400 and the set unchanged", async () => {
    const all = await allHobbies();
    const me = await signUp(baseUrl, { hobby: [all[2]!.id] });
    for (const prefix of PREFIXES) {
      const path = `${prefix}/hobby/`;
      assertError(await patchJson(baseUrl, path, { hobby: [all[0]!.id, 99] }, { access: me.access }), 400, {
        hobby: ['Invalid pk "99" - object does not exist.'],
      });
      assertError(await patchJson(baseUrl, path, { hobby: 1 }, { access: me.access }), 400, {
        hobby: ['Expected a list of items but got type "int".'],
      });
      assertError(await patchJson(baseUrl, path, { hobby: "1,2" }, { access: me.access }), 400, {
        hobby: ['Expected a list of items but got type "str".'],
      });
      assertError(await patchJson(baseUrl, path, { hobby: ["Спорт"] }, { access: me.access }), 400, {
        hobby: ["Incorrect type. Expected pk value, received str."],
      });
      assertError(await patchJson(baseUrl, path, {}, { access: me.access }), 400, { hobby: ["This field is required."] });
      assertErrorBody(await patchJson(baseUrl, path, { hobby: { 0: 1 } }, { access: me.access }), 400);
      assertErrorBody(await patchJson(baseUrl, path, { hobby: null }, { access: me.access }), 400);
      assert.deepEqual(await storedHobbyIds(me.user.id), [all[2]!.id]);
    }
  });

  test("401 without credentials for GET and PATCH", async () => {
    for (const prefix of PREFIXES) {
      assertNoCredentials(await get(baseUrl, `${prefix}/hobby/`));
      assertNoCredentials(await patchJson(baseUrl, `${prefix}/hobby/`, { hobby: [1] }));
      assertNoCredentials(await get(baseUrl, `${prefix}/hobby/total/`));
    }
    assertNoCredentials(await get(baseUrl, "/users/api/tags/"));
  });
});

describe("hobby totals", () => {
  test("GET …/hobby/total/ → {user_tags, all_tags} as {id, name} objects", async () => {
    const all = await allHobbies();
    const me = await signUp(baseUrl, { hobby: [all[4]!.id, all[3]!.id] });
    for (const prefix of PREFIXES) {
      const reply = await request(baseUrl, "GET", `${prefix}/hobby/total/`, { access: me.access });
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), ["all_tags", "user_tags"]);
      assert.deepEqual(reply.body.user_tags, [all[3], all[4]]);
      assert.deepEqual(reply.body.all_tags, all);
    }
  });
});
