import { startApp } from "./support/app";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { userPhotos, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formStateFromError } from "@/lib/forms/form-state";
import { PHOTO_MAX_BYTES } from "@/lib/users/photo-format";
import { readProfilePhoto, removeProfilePhoto, setProfilePhoto } from "@/lib/users/photos";
import { hue, hugePng, inspect, sampleImage } from "./support/images";
import { assertErrorBody, get, signUp } from "./support/requests";

// Profile photos kept in PostgreSQL (no S3_* configured): processing, storage, the serving route and
// the API's `image`. photos-s3.test.ts covers the bucket.

const { baseUrl } = await startApp();
const APP_URL = "http://localhost:3000"; // tests/support/env.ts

async function storedImage(userId: number): Promise<string | null> {
  const [user] = await db.select({ image: users.image }).from(users).where(eq(users.id, userId));
  return user!.image;
}

async function photoRows(userId: number) {
  return db.select().from(userPhotos).where(eq(userPhotos.userId, userId));
}

/** Fetches a photo path: the reply, and its body as bytes. */
async function fetchPhoto(path: string) {
  const response = await fetch(baseUrl + path);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Asserts setProfilePhoto refuses `data` with a 400 on `photo` whose Russian sentence matches `russian`. */
async function assertRefused(userId: number, data: Uint8Array | null, english: RegExp, russian: RegExp): Promise<void> {
  const error = await setProfilePhoto({ userId, data }).then(
    () => assert.fail("accepted"),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.kind, "bad_request");
  assert.match(error.details.fields?.photo?.[0] ?? "", english);
  const state = formStateFromError(error);
  assert.equal(state.status, "error");
  assert.match(state.status === "error" ? (state.fields.photo ?? "") : "", russian);
}

describe("setProfilePhoto", () => {
  test("turns PNG, JPEG, WebP, GIF and AVIF uploads into a 256×256 WebP named by its content", async () => {
    const { id } = await signUp(baseUrl);
    for (const format of ["png", "jpeg", "webp", "gif", "avif"] as const) {
      const image = await setProfilePhoto({ userId: id, data: await sampleImage(format) });
      assert.match(image, new RegExp(`^/api/photos/${id}-[0-9a-f]{12}\\.webp$`), format);
      assert.equal(await storedImage(id), image);
      const rows = await photoRows(id);
      assert.equal(rows.length, 1);
      assert.ok(image.includes(rows[0]!.hash.slice(0, 12)));
      const top = await inspect(rows[0]!.data, 128, 8);
      const bottom = await inspect(rows[0]!.data, 128, 248);
      assert.deepEqual([top.format, top.width, top.height], ["webp", 256, 256], format);
      assert.deepEqual([hue(top.pixel), hue(bottom.pixel)], ["red", "blue"], format);
    }
  });

  test("turns a photo upright by its EXIF orientation before cropping it to the centre square", async () => {
    const { id } = await signUp(baseUrl);
    // Stored 300×100 (red above blue) but shown turned 90° clockwise: blue on the left, red on the right.
    await setProfilePhoto({ userId: id, data: await sampleImage("jpeg", { width: 300, height: 100, orientation: 6 }) });
    const [row] = await photoRows(id);
    assert.equal(hue((await inspect(row!.data, 16, 128)).pixel), "blue");
    assert.equal(hue((await inspect(row!.data, 240, 128)).pixel), "red");
  });

  test("refuses what is not an accepted image, too large a file and a decompression bomb, writing nothing", async () => {
    const { id } = await signUp(baseUrl);
    const first = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    const [before] = await photoRows(id);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>');
    const notAnImage = [Buffer.from("%PDF-1.4 not a photo"), svg, (await sampleImage("jpeg")).subarray(0, 200)];
    for (const data of notAnImage) await assertRefused(id, data, /^Upload a valid image\./, /^Это не фото или файл повреждён/);
    const oversized = Buffer.concat([await sampleImage("jpeg"), Buffer.alloc(PHOTO_MAX_BYTES)]);
    await assertRefused(id, oversized, /larger than 5 MiB/, /^Файл больше 5 МБ/);
    await assertRefused(id, await hugePng(60), /larger than 50 megapixels/, /^Фото больше 50 мегапикселей/);
    await assertRefused(id, new Uint8Array(0), /empty/, /^Файл пустой/);
    await assertRefused(id, null, /^No file was submitted\.$/, /^Выбери файл/);
    assert.equal(await storedImage(id), first);
    assert.deepEqual(await photoRows(id), [before]);
  });

  test("a new photo replaces the old one: one row, a new name, the old name gone", async () => {
    const { id } = await signUp(baseUrl);
    const first = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    const second = await setProfilePhoto({ userId: id, data: await sampleImage("png", { width: 200, height: 600 }) });
    assert.notEqual(second, first);
    assert.equal((await photoRows(id)).length, 1);
    assert.equal(await readProfilePhoto({ file: first.split("/").pop()! }), null);
    assert.ok(await readProfilePhoto({ file: second.split("/").pop()! }));
    assert.equal(await setProfilePhoto({ userId: id, data: await sampleImage("png", { width: 200, height: 600 }) }), second);
  });

  test("an unknown user is a not_found AppError", async () => {
    await assert.rejects(setProfilePhoto({ userId: 2_000_000_000, data: await sampleImage("png") }), { kind: "not_found" });
  });
});

describe("GET /api/photos/<file>", () => {
  test("serves the current photo as an immutable WebP", async () => {
    const { id } = await signUp(baseUrl);
    const image = await setProfilePhoto({ userId: id, data: await sampleImage("jpeg") });
    const [row] = await photoRows(id);
    for (const path of [image, `${image}/`]) {
      const { response, bytes } = await fetchPhoto(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), "image/webp");
      assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.deepEqual(bytes, new Uint8Array(row!.data));
    }
  });

  test("answers the contract's JSON 404 for unknown, malformed, replaced and removed photos", async () => {
    const { id } = await signUp(baseUrl);
    const old = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    const current = await setProfilePhoto({ userId: id, data: await sampleImage("gif") });
    const paths = [
      old,
      `/api/photos/${id}-000000000000.webp`,
      "/api/photos/nope",
      "/api/photos/0-abcdefabcdef.webp",
      `/api/photos/${id}.webp`,
    ];
    await removeProfilePhoto({ userId: id });
    paths.push(current);
    for (const path of paths) {
      const reply = await get(baseUrl, path);
      assert.equal(reply.body.detail, "Not found.", path);
      assertErrorBody(reply, 404);
      assert.equal(reply.headers.get("cache-control"), "no-store");
    }
  });
});

describe("the API's image field", () => {
  test("is null without a photo, then the photo's absolute URL in every generation", async () => {
    const me = await signUp(baseUrl);
    assert.equal(me.user.image, null);
    const image = await setProfilePhoto({ userId: me.id, data: await sampleImage("png") });
    for (const path of ["/api/auth/users/me/", "/auth/users/me/", "/users/api/auth/users/me/", "/auth/me"]) {
      const reply = await get(baseUrl, path, { access: me.access });
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
      assert.equal(reply.body.image, `${APP_URL}${image}`, path);
    }
    await removeProfilePhoto({ userId: me.id });
    assert.equal((await get(baseUrl, "/api/auth/users/me/", { access: me.access })).body.image, null);
  });

  test("is null for a Django media name the import brought, which nothing serves", async () => {
    const me = await signUp(baseUrl);
    await db.update(users).set({ image: "profile_images/old.jpg" }).where(eq(users.id, me.id));
    assert.equal((await get(baseUrl, "/api/auth/users/me/", { access: me.access })).body.image, null);
  });
});

describe("removeProfilePhoto and deleting the user", () => {
  test("removing clears users.image and the row; removing again is harmless", async () => {
    const { id } = await signUp(baseUrl);
    await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    await removeProfilePhoto({ userId: id });
    await removeProfilePhoto({ userId: id });
    assert.equal(await storedImage(id), null);
    assert.deepEqual(await photoRows(id), []);
  });

  test("deleting the user deletes the photo with it", async () => {
    const { id } = await signUp(baseUrl);
    const image = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    await db.delete(users).where(eq(users.id, id));
    assert.deepEqual(await photoRows(id), []);
    assertErrorBody(await get(baseUrl, image), 404);
  });
});
