import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, describe, test } from "node:test";
import { startS3Stub } from "./support/s3-stub";

// Profile photos in an S3-compatible bucket (a local stub). In sequence: the S3_* settings must be in
// the environment before the app's modules load.
const s3 = await startS3Stub();
Object.assign(process.env, {
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: s3.bucket,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  S3_REGION: s3.region,
});
const { startApp } = await import("./support/app");
const { assertErrorBody, get, signUp } = await import("./support/requests");
const { hue, inspect, sampleImage } = await import("./support/images");
const { eq } = await import("drizzle-orm");
const { db } = await import("@/db/client");
const { userPhotos, users } = await import("@/db/schema");
const { removeProfilePhoto, setProfilePhoto } = await import("@/lib/users/photos");

const { baseUrl } = await startApp();
after(() => s3.close());

const keyOf = (image: string) => `photos/${image.split("/").pop()}`;

async function storedImage(userId: number): Promise<string | null> {
  const [user] = await db.select({ image: users.image }).from(users).where(eq(users.id, userId));
  return user!.image;
}

describe("photos in an S3 bucket", () => {
  test("the processed WebP is PUT signed into the bucket, served by the app, and named in the API", async () => {
    const me = await signUp(baseUrl);
    const image = await setProfilePhoto({ userId: me.id, data: await sampleImage("jpeg") });
    const object = s3.objects.get(keyOf(image));
    assert.ok(object, `no object ${keyOf(image)} in ${[...s3.objects.keys()]}`);
    assert.equal(object.contentType, "image/webp");
    const top = await inspect(object.data, 128, 8);
    assert.deepEqual([top.format, top.width, top.height, hue(top.pixel)], ["webp", 256, 256, "red"]);
    assert.ok(s3.requests.some((request) => request.method === "PUT" && request.key === keyOf(image)));
    assert.deepEqual(await db.select().from(userPhotos).where(eq(userPhotos.userId, me.id)), []);

    const response = await fetch(baseUrl + image);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
    assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), new Uint8Array(object.data));

    const reply = await get(baseUrl, "/api/auth/users/me/", { access: me.access });
    assert.equal(reply.body.image, `http://localhost:3000${image}`);
  });

  test("a new photo deletes the old object; removing deletes the current one; neither is served", async () => {
    const { id } = await signUp(baseUrl);
    const first = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    const second = await setProfilePhoto({ userId: id, data: await sampleImage("webp", { width: 100, height: 400 }) });
    assert.notEqual(second, first);
    assert.equal(s3.objects.has(keyOf(first)), false);
    assert.equal(s3.objects.has(keyOf(second)), true);
    assertErrorBody(await get(baseUrl, first), 404);
    await removeProfilePhoto({ userId: id });
    assert.equal(await storedImage(id), null);
    assert.equal(s3.objects.has(keyOf(second)), false);
    assertErrorBody(await get(baseUrl, second), 404);
  });

  test("a photo kept in the database before the bucket was configured is still served, then replaced", async () => {
    const { id } = await signUp(baseUrl);
    const earlier = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    const data = s3.objects.get(keyOf(earlier))!.data;
    const hash = createHash("sha256").update(data).digest("hex");
    s3.objects.delete(keyOf(earlier));
    await db.insert(userPhotos).values({ userId: id, hash, data });
    assert.equal((await fetch(baseUrl + earlier)).status, 200);
    await setProfilePhoto({ userId: id, data: await sampleImage("gif") });
    assert.deepEqual(await db.select().from(userPhotos).where(eq(userPhotos.userId, id)), []);
  });

  test("an unreachable bucket is a 503 for the route and an unavailable error for the upload, writing nothing", async () => {
    const { id } = await signUp(baseUrl);
    const image = await setProfilePhoto({ userId: id, data: await sampleImage("png") });
    s3.failWith(500);
    try {
      const reply = await get(baseUrl, image);
      assert.equal(reply.status, 503, reply.text);
      assert.equal(typeof reply.body.error, "string");
      await assert.rejects(setProfilePhoto({ userId: id, data: await sampleImage("jpeg") }), { kind: "unavailable" });
    } finally {
      s3.failWith(null);
    }
    assert.equal(await storedImage(id), image);
    assert.equal((await fetch(baseUrl + image)).status, 200);
  });
});
