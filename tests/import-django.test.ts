import assert from "node:assert/strict";
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import postgres from "postgres";

// The import reads a Django database and writes into the app's. It needs a real PostgreSQL server
// (TEST_DATABASE_URL) for the scratch Django database; and the embedded PGlite cannot be written by a
// second process while the test holds it, so the import runs in-process against this file's database.
const skip = process.env.TEST_DATABASE_URL ? false : "needs TEST_DATABASE_URL: the scratch Django source database is a PostgreSQL database";

// The old deployment's SECRET_KEY, so the links it mailed are honoured after the import.
const DJANGO_SECRET_KEY = "django-insecure-old-deployment-key";
process.env.DJANGO_SECRET_KEY = DJANGO_SECRET_KEY;
const { startApp } = await import("./support/app");
const { postJson, get, signUp, STRONG_PASSWORD } = await import("./support/requests");
const { db } = await import("../db/client");
const { sql } = await import("drizzle-orm");
const { importFromDjango } = await import("../lib/import/django");

const OLD_PASSWORD = "Old-Django-Pass-1";

/**
 * A reset token as the old Django server minted it (PasswordResetTokenGenerator, sha256), written out
 * step by step here rather than with the app's code.
 */
function djangoResetToken(user: { id: number; password: string; email: string }, now = new Date()): string {
  const timestamp = Math.floor((now.getTime() - Date.UTC(2001, 0, 1)) / 1000);
  const key = createHash("sha256").update(`django.contrib.auth.tokens.PasswordResetTokenGenerator${DJANGO_SECRET_KEY}`).digest();
  const hex = createHmac("sha256", key).update(`${user.id}${user.password}${timestamp}${user.email}`).digest("hex");
  return `${timestamp.toString(36)}-${[...hex].filter((_, index) => index % 2 === 0).join("")}`;
}

/** A Django `pbkdf2_sha256$…` hash computed the way Django's PBKDF2PasswordHasher does. */
function djangoHash(password: string, iterations = 1000): string {
  const salt = randomBytes(12)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "x");
  return `pbkdf2_sha256$${iterations}$${salt}$${pbkdf2Sync(password, salt, iterations, 32, "sha256").toString("base64")}`;
}

const sourceName = `django_src_${process.pid}_${randomBytes(3).toString("hex")}`;
let admin: postgres.Sql | null = null;
let bobHash = "";

after(async () => {
  if (!admin) return;
  await admin.unsafe(`drop database if exists "${sourceName}" with (force)`);
  await admin.end();
});

async function createSource(existingEmail: string): Promise<string> {
  admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${sourceName}"`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${sourceName}`;
  const source = postgres(url.toString(), { max: 1, onnotice: () => {} });
  // The Django schema (users app), without the optional `age` column, to exercise the probing.
  await source.unsafe(`
    create table users_hobbymodel (id serial primary key, name varchar(100) not null);
    create table users_customuser (
      id serial primary key, password varchar(128) not null, last_login timestamptz, is_superuser boolean not null default false,
      email varchar(254) not null unique, first_name varchar(150) not null default '', last_name varchar(150) not null default '',
      birth date, tg_link varchar(255), chat_id varchar(32), image varchar(100),
      is_active boolean not null default true, is_staff boolean not null default false, is_active_pair boolean not null default true,
      date_joined timestamptz not null default now());
    create table users_customuser_hobby (id serial primary key, customuser_id integer not null, hobbymodel_id integer not null);
    create table users_pairsmodel (id serial primary key, user1_id integer not null, user2_id integer not null,
      created_at timestamptz not null, is_archived boolean not null default false);
    insert into users_hobbymodel (id, name) values (1, 'программирование'), (2, 'Редкое хобби'), (500, 'Вязание крючком');`);
  bobHash = djangoHash("Bob-Old-Pass-2");
  const users = [
    [1000, "alice@old.example", djangoHash(OLD_PASSWORD), "Алиса", "2001-05-06", "@alice", "123456789", true, true, "2024-03-10T08:00:00Z"],
    [1001, "bob@old.example", bobHash, "Боб", null, null, "987654321", true, false, null],
    [1002, "carol@old.example", djangoHash("Carol-Old-Pass-3"), "Кэрол", null, null, null, true, false, null],
    [1003, "dave@old.example", "!unusablepasswordxyz", "Дейв", null, null, null, false, false, null],
    [1004, existingEmail, djangoHash("Whatever-Pass-4"), "Дубль", null, null, null, true, false, null],
  ] as const;
  for (const [id, email, password, firstName, birth, tgLink, chatId, isActive, isStaff, lastLogin] of users) {
    await source`insert into users_customuser (id, email, password, first_name, birth, tg_link, chat_id, is_active, is_staff, last_login)
      values (${id}, ${email}, ${password}, ${firstName}, ${birth}, ${tgLink}, ${chatId}, ${isActive}, ${isStaff}, ${lastLogin})`;
  }
  await source.unsafe(`
    insert into users_customuser_hobby (customuser_id, hobbymodel_id) values (1000, 1), (1000, 500), (1001, 1), (1001, 2), (1002, 500);
    insert into users_pairsmodel (id, user1_id, user2_id, created_at, is_archived) values
      (1, 1000, 1001, '2024-03-04 18:00:10+05', true),
      (2, 1000, 1002, '2024-03-11 18:01:00+05', false),
      (3, 1001, 1003, '2024-03-11 18:02:00+05', false),
      (4, 1001, 1002, '2024-03-12 10:00:00+05', false);`);
  await source.end();
  return url.toString();
}

async function snapshot() {
  const tables = ["users", "hobbies", "user_hobbies", "match_rounds", "match_groups", "match_group_members", "match_pairs"];
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows = await db.execute(
      sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*) as n from ${table} t`),
    );
    const [row] = rows as unknown as Array<{ digest: string; n: string | number }>;
    result[table] = `${row!.n}:${row!.digest}`;
  }
  return result;
}

describe("npm run import:django", () => {
  test("copies users, hashes, hobbies and pair history; runs again without changes; old passwords log in", { skip }, async () => {
    const { baseUrl } = await startApp();
    const existing = await signUp(baseUrl);
    const sourceUrl = await createSource(existing.email);

    const first = await importFromDjango({ sourceUrl });
    assert.deepEqual(first.users, { created: 4, keptId: 4, newId: 0, existing: 1, withoutPassword: 1 });
    assert.equal(first.hobbies.matched, 1, "«программирование» matches the seeded «Программирование»");
    assert.equal(first.hobbies.created, 2);
    assert.equal(first.hobbies.keptId, 1, "id 500 is free and kept; id 2 is taken by a seeded hobby");
    assert.equal(first.userHobbies, 5);
    assert.deepEqual(first.pairs, { roundsCreated: 2, created: 3, existing: 0, skipped: 1, current: 2 });
    assert.deepEqual(first.missing, ["users_customuser.age"]);

    const [alice] = (await db.execute(sql`select * from users where id = 1000`)) as unknown as Array<Record<string, unknown>>;
    assert.equal(alice!.email, "alice@old.example");
    assert.equal(alice!.chat_id, "123456789");
    assert.equal(alice!.tg_link, "@alice");
    assert.equal(alice!.is_staff, true);
    assert.match(String(alice!.password_hash), /^pbkdf2_sha256\$1000\$/);
    const [dave] = (await db.execute(sql`select password_hash, is_active from users where id = 1003`)) as unknown as Array<
      Record<string, unknown>
    >;
    assert.equal(dave!.password_hash, null);
    assert.equal(dave!.is_active, false);
    const [knitting] = (await db.execute(sql`select id from hobbies where name = 'Вязание крючком'`)) as unknown as Array<{ id: number }>;
    assert.equal(knitting!.id, 500);
    const [rare] = (await db.execute(sql`select id from hobbies where name = 'Редкое хобби'`)) as unknown as Array<{ id: number }>;
    assert.notEqual(rare!.id, 2);

    // Idempotent: a second run finds everything and changes nothing.
    const before = await snapshot();
    const second = await importFromDjango({ sourceUrl });
    assert.deepEqual(second.users, { created: 0, keptId: 0, newId: 0, existing: 5, withoutPassword: 0 });
    assert.deepEqual(second.hobbies, { created: 0, keptId: 0, matched: 3 });
    assert.equal(second.userHobbies, 0);
    assert.deepEqual(second.pairs, { roundsCreated: 0, created: 0, existing: 3, skipped: 1, current: 0 });
    assert.deepEqual(await snapshot(), before);

    // A reset link the old server mailed to bob (never logged in) still works after the move.
    const oldLink = {
      uid: Buffer.from("1001").toString("base64url"),
      token: djangoResetToken({ id: 1001, password: bobHash, email: "bob@old.example" }),
    };
    const reset = await postJson(baseUrl, "/auth/users/reset_password_confirm/", { ...oldLink, new_password: "Bob-New-Pass-22" });
    assert.equal(reset.status, 204, reset.text);
    assert.equal((await postJson(baseUrl, "/api/token/", { email: "bob@old.example", password: "Bob-New-Pass-22" })).status, 200);

    // The new accounts' serial ids continue past the kept Django ids.
    const later = await signUp(baseUrl);
    assert.ok(later.user.id > 1003, `new id ${later.user.id}`);

    // The old password logs in over HTTP, and the stored hash becomes argon2id.
    assert.equal((await postJson(baseUrl, "/api/token/", { email: "alice@old.example", password: "wrong-password-1" })).status, 401);
    const login = await postJson(baseUrl, "/api/token/", { email: "alice@old.example", password: OLD_PASSWORD });
    assert.equal(login.status, 200, login.text);
    const [upgraded] = (await db.execute(sql`select password_hash from users where id = 1000`)) as unknown as Array<{
      password_hash: string;
    }>;
    assert.match(upgraded!.password_hash, /^\$argon2id\$/);
    assert.equal((await postJson(baseUrl, "/api/token/", { email: "alice@old.example", password: OLD_PASSWORD })).status, 200);

    // Pair history: the latest imported round is current.
    const pairs = await get(baseUrl, "/api/pairs/", { access: login.body.access });
    assert.equal(pairs.status, 200, pairs.text);
    assert.equal(pairs.body.current_pair.partner.email, "carol@old.example");
    assert.equal(pairs.body.current_pair.created_at, "2024-03-11");
    assert.deepEqual(
      pairs.body.current_pair.common_hobby.map((hobby: { id: number }) => hobby.id),
      [500],
    );
    assert.equal(pairs.body.pairs.length, 1);
    assert.equal(pairs.body.pairs[0].partner.email, "bob@old.example");
    assert.equal(pairs.body.pairs[0].created_at, "2024-03-04");

    // The pre-existing account was mapped, not overwritten.
    assert.equal((await postJson(baseUrl, "/api/token/", { email: existing.email, password: STRONG_PASSWORD })).status, 200);
  });
});

describe("Django password hashes", () => {
  test("a pbkdf2_sha256 hash logs in and is replaced by argon2id", async () => {
    const { baseUrl } = await startApp();
    const account = await signUp(baseUrl);
    const { users } = await import("../db/schema");
    const { eq } = await import("drizzle-orm");
    await db
      .update(users)
      .set({ passwordHash: djangoHash("Legacy-Pass-55", 5000) })
      .where(eq(users.id, account.user.id));
    for (const wrong of [account.password, "Legacy-Pass-56", ""]) {
      assert.notEqual((await postJson(baseUrl, "/api/token/", { email: account.email, password: wrong })).status, 200);
    }
    const [still] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, account.user.id));
    assert.match(still!.hash!, /^pbkdf2_sha256\$5000\$/, "a failed login leaves the hash alone");
    assert.equal((await postJson(baseUrl, "/api/token/", { email: account.email, password: "Legacy-Pass-55" })).status, 200);
    const [upgraded] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, account.user.id));
    assert.match(upgraded!.hash!, /^\$argon2id\$/);
    assert.equal((await postJson(baseUrl, "/api/token/", { email: account.email, password: "Legacy-Pass-55" })).status, 200);
  });
});
