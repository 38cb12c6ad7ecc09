import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { assertError, assertErrorBody, get, postJson, STRONG_PASSWORD, uniqueEmail } from "./support/requests";

const { baseUrl } = await startApp();

const USER_KEYS = ["age", "birth", "chat_id", "email", "first_name", "hobby", "id", "image", "is_active_pair", "last_name", "tg_link"];
const GEN2 = "/users/api/register/";
const GEN3 = "/api/register/";

async function usersWithEmail(email: string): Promise<number> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return rows.length;
}

/** Whole years from an ISO birth date to today (UTC), computed here independently of the app. */
function expectedAge(iso: string): number {
  const now = new Date();
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const beforeBirthday = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

async function hobbyIdsByName(): Promise<Map<string, number>> {
  const reply = await get(baseUrl, "/users/api/hobby/all/");
  return new Map(reply.body.map((hobby: { id: number; name: string }) => [hobby.name, hobby.id]));
}

describe("register, generation 2 (/users/api/register/)", () => {
  test("201 with user, refresh, access, legacy token and the refresh cookie", async () => {
    const ids = await hobbyIdsByName();
    const hobby = [ids.get("Спорт")!, ids.get("Программирование")!];
    const email = uniqueEmail("gen2");
    const reply = await postJson(baseUrl, GEN2, {
      email,
      password: STRONG_PASSWORD,
      first_name: "Иван",
      last_name: "Петров",
      birth: "02-03-2000",
      hobby,
      tg_link: "@ivan",
    });
    assert.equal(reply.status, 201, reply.text);
    assert.deepEqual(Object.keys(reply.body).sort(), ["access", "refresh", "token", "user"]);
    assert.match(reply.body.token, /^[0-9a-f]{40}$/);
    assert.match(reply.body.access, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(reply.body.refresh, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const user = reply.body.user;
    assert.deepEqual(Object.keys(user).sort(), USER_KEYS);
    assert.equal(typeof user.id, "number");
    assert.deepEqual(
      { ...user, id: 0 },
      {
        id: 0,
        first_name: "Иван",
        last_name: "Петров",
        email,
        birth: "02-03-2000",
        age: expectedAge("2000-03-02"),
        chat_id: null,
        image: null,
        hobby: [...hobby].sort((a, b) => a - b),
        tg_link: "@ivan",
        is_active_pair: true,
      },
    );

    const cookie = reply.headers.getSetCookie().find((line) => line.startsWith("refresh_token="));
    assert.ok(cookie, "refresh cookie set");
    const parts = cookie.split(";").map((part) => part.trim());
    assert.equal(parts[0], `refresh_token=${reply.body.refresh}`);
    for (const attribute of ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604800"])
      assert.ok(parts.includes(attribute), `${attribute} in ${cookie}`);
    assert.ok(!parts.includes("Secure"), "COOKIE_SECURE=false drops Secure");

    // The tokens it returned are usable.
    const me = await get(baseUrl, "/auth/users/me/", { access: reply.body.access });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, user.id);
    const byKey = await get(baseUrl, "/auth/users/me/", { headers: { authorization: `Token ${reply.body.token}` } });
    assert.equal(byKey.status, 200);
    assert.equal(byKey.body.id, user.id);
  });

  test("birth accepted as YYYY-MM-DD too and answered as DD-MM-YYYY", async () => {
    const reply = await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD, birth: "1999-12-31" });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.user.birth, "31-12-1999");
    assert.equal(reply.body.user.age, expectedAge("1999-12-31"));
  });

  test("age instead of birth: the declared age is the user's age", async () => {
    const reply = await postJson(baseUrl, GEN2, {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      first_name: "A",
      last_name: "B",
      age: 23,
    });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.user.age, 23);
    assert.equal(reply.body.user.birth, null);
  });

  test("age outside 0..150 or not an integer → 400 {age: [..]}", async () => {
    for (const age of [-1, 151, 25.5, "25", 1e300]) {
      const email = uniqueEmail();
      const body = assertErrorBody(await postJson(baseUrl, GEN2, { email, password: STRONG_PASSWORD, age }), 400);
      assert.ok(Array.isArray(body.age), `${age}: ${JSON.stringify(body)}`);
      assert.equal(await usersWithEmail(email), 0);
    }
  });

  test("with both, age is derived from birth", async () => {
    const reply = await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD, birth: "01-01-1990", age: 5 });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.body.user.age, expectedAge("1990-01-01"));
  });

  test("only email and password are required; names may be blank", async () => {
    const bare = await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD });
    assert.equal(bare.status, 201, bare.text);
    assert.equal(bare.body.user.first_name, "");
    assert.equal(bare.body.user.last_name, "");
    assert.deepEqual(bare.body.user.hobby, []);
    assert.equal(bare.body.user.age, null);
    const blank = await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD, first_name: "", last_name: "" });
    assert.equal(blank.status, 201, blank.text);

    const missing = await postJson(baseUrl, GEN2, {});
    assertError(missing, 400, { email: ["This field is required."], password: ["This field is required."] });
  });

  test("duplicate email, compared case-insensitively → 400 with the DRF message", async () => {
    const email = uniqueEmail("dup");
    assert.equal((await postJson(baseUrl, GEN2, { email, password: STRONG_PASSWORD })).status, 201);
    for (const variant of [email, email.toUpperCase(), ` ${email} `]) {
      const reply = await postJson(baseUrl, GEN2, { email: variant, password: STRONG_PASSWORD });
      assert.equal(reply.status, 400, reply.text);
      assert.deepEqual(reply.body, { email: ["user with this email already exists."], error: "Пользователь с таким email уже существует" });
    }
    assert.equal(await usersWithEmail(email), 1);
  });

  test("invalid email → 400", async () => {
    for (const email of ["not-an-email", "a@b", "@example.test", "a b@example.test", ""]) {
      const reply = await postJson(baseUrl, GEN2, { email, password: STRONG_PASSWORD });
      const body = assertErrorBody(reply, 400);
      assert.ok(Array.isArray(body.email), reply.text);
      if (email !== "") assert.deepEqual(body.email, ["Enter a valid email address."]);
    }
  });

  test("weak passwords → 400 {password: [..]} and nothing written", async () => {
    const cases: Array<[string, string]> = [
      ["short1!", "This password is too short. It must contain at least 8 characters."],
      ["password", "This password is too common."],
      ["1234567890123", "This password is entirely numeric."],
    ];
    for (const [password, message] of cases) {
      const email = uniqueEmail();
      const body = assertErrorBody(await postJson(baseUrl, GEN2, { email, password }), 400);
      assert.ok(Array.isArray(body.password), JSON.stringify(body));
      assert.ok(body.password.includes(message), `${password}: ${JSON.stringify(body.password)}`);
      assert.equal(await usersWithEmail(email), 0);
    }
    assertErrorBody(await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: "" }), 400);
  });

  test("bad birth → 400 {birth: [..]}", async () => {
    for (const birth of ["31-02-2000", "2000-02-30", "29-02-2001", "01-01-2999", "garbage", "2000/01/01", "1-1-2000", 20000101, true]) {
      const email = uniqueEmail();
      const body = assertErrorBody(await postJson(baseUrl, GEN2, { email, password: STRONG_PASSWORD, birth }), 400);
      assert.ok(Array.isArray(body.birth) && typeof body.birth[0] === "string", `${birth}: ${JSON.stringify(body)}`);
      assert.equal(await usersWithEmail(email), 0);
    }
    // A leap day is a real date.
    assert.equal((await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD, birth: "29-02-2000" })).status, 201);
  });

  test("unknown hobby id → 400 with DRF's message and no user row", async () => {
    const email = uniqueEmail("hobby");
    const reply = await postJson(baseUrl, GEN2, { email, password: STRONG_PASSWORD, hobby: [1, 99] });
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.body.hobby, ['Invalid pk "99" - object does not exist.']);
    assert.deepEqual(Object.keys(reply.body).sort(), ["error", "hobby"]);
    assertErrorBody(reply);
    assert.equal(await usersWithEmail(email), 0);
  });

  test("Django's text limits: names 150, email 254, tg_link 255 characters", async () => {
    const ok = await postJson(baseUrl, GEN2, {
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      first_name: "Я".repeat(150),
      last_name: "L".repeat(150),
      tg_link: "t".repeat(255),
    });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.user.first_name, "Я".repeat(150));

    const tooLong: Array<[string, unknown, string]> = [
      ["first_name", "x".repeat(151), "Ensure this field has no more than 150 characters."],
      ["last_name", "Я".repeat(151), "Ensure this field has no more than 150 characters."],
      ["tg_link", "t".repeat(256), "Ensure this field has no more than 255 characters."],
    ];
    for (const [field, value, message] of tooLong) {
      const email = uniqueEmail();
      const reply = await postJson(baseUrl, GEN2, { email, password: STRONG_PASSWORD, [field]: value });
      assertError(reply, 400, { [field]: [message] });
      assert.equal(await usersWithEmail(email), 0);
    }
    const longEmail = `${"e".repeat(64)}@${"d".repeat(180)}.example.test`; // 64 + 1 + 193 = 258
    assert.ok(longEmail.length > 254);
    const reply = await postJson(baseUrl, GEN2, { email: longEmail, password: STRONG_PASSWORD });
    const body = assertErrorBody(reply, 400);
    assert.ok(body.email.includes("Ensure this field has no more than 254 characters."), reply.text);
    const email254 = `${"e".repeat(60)}@${"d".repeat(180)}.example.test`;
    assert.equal(email254.length, 254);
    assert.equal((await postJson(baseUrl, GEN2, { email: email254, password: STRONG_PASSWORD })).status, 201);
  });

  test("limits count characters, not UTF-16 units: 150 astral-plane characters fit a name", async () => {
    const name = "😀".repeat(150);
    const ok = await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD, first_name: name });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.user.first_name, name);
    const reply = await postJson(baseUrl, GEN2, { email: uniqueEmail(), password: STRONG_PASSWORD, first_name: "😀".repeat(151) });
    assertError(reply, 400, { first_name: ["Ensure this field has no more than 150 characters."] });
  });
});

describe("register, generation 3 (/api/register/)", () => {
  test("201 with a generation-3 user, tokens and the cookie", async () => {
    const ids = await hobbyIdsByName();
    const prog = ids.get("Программирование")!;
    const email = uniqueEmail("gen3");
    const reply = await postJson(baseUrl, GEN3, {
      email,
      password: STRONG_PASSWORD,
      first_name: "Анна",
      last_name: "",
      birth: "2000-03-02",
      hobby: [prog],
    });
    assert.equal(reply.status, 201, reply.text);
    assert.deepEqual(Object.keys(reply.body).sort(), ["access", "refresh", "token", "user"]);
    assert.match(reply.body.token, /^[0-9a-f]{40}$/);
    assert.deepEqual(Object.keys(reply.body.user).sort(), USER_KEYS);
    assert.equal(reply.body.user.birth, "2000-03-02");
    assert.equal(reply.body.user.age, expectedAge("2000-03-02"));
    assert.deepEqual(reply.body.user.hobby, [{ id: prog, name: "Программирование" }]);
    assert.equal(reply.body.user.email, email);
    assert.ok(reply.headers.getSetCookie().some((line) => line.startsWith(`refresh_token=${reply.body.refresh};`)));
  });

  test("DD-MM-YYYY input answered as YYYY-MM-DD; age alone kept", async () => {
    const dmy = await postJson(baseUrl, GEN3, { email: uniqueEmail(), password: STRONG_PASSWORD, birth: "15-06-2001" });
    assert.equal(dmy.status, 201, dmy.text);
    assert.equal(dmy.body.user.birth, "2001-06-15");
    const aged = await postJson(baseUrl, GEN3, { email: uniqueEmail(), password: STRONG_PASSWORD, age: 30 });
    assert.equal(aged.status, 201, aged.text);
    assert.equal(aged.body.user.age, 30);
  });

  test("errors as on generation 2, each with an error string, nothing written", async () => {
    const email = uniqueEmail("g3err");
    assert.equal((await postJson(baseUrl, GEN3, { email, password: STRONG_PASSWORD })).status, 201);
    const dup = await postJson(baseUrl, GEN3, { email: email.toUpperCase(), password: STRONG_PASSWORD });
    assert.deepEqual(dup.body, { email: ["user with this email already exists."], error: "Пользователь с таким email уже существует" });
    assert.equal(dup.status, 400);

    const fresh = uniqueEmail();
    const hobby = await postJson(baseUrl, GEN3, { email: fresh, password: STRONG_PASSWORD, hobby: [99] });
    assertError(hobby, 400, { hobby: ['Invalid pk "99" - object does not exist.'] });
    assertError(await postJson(baseUrl, GEN3, { email: "nope", password: STRONG_PASSWORD }), 400, {
      email: ["Enter a valid email address."],
    });
    assertErrorBody(await postJson(baseUrl, GEN3, { email: fresh, password: "12345678" }), 400);
    assertErrorBody(await postJson(baseUrl, GEN3, { email: fresh, password: STRONG_PASSWORD, birth: "31-02-2000" }), 400);
    assert.equal(await usersWithEmail(fresh), 0);
  });
});
