import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { describe, test } from "node:test";

// The expected tokens below were computed with Python's hashlib/hmac following Django's source
// (django/contrib/auth/tokens.py PasswordResetTokenGenerator with algorithm "sha256", and
// django/utils/crypto.py salted_hmac), not with this app's code:
//   key   = hashlib.sha256((KEY_SALT + secret).encode()).digest()
//   value = f"{pk}{password}{str(last_login.replace(microsecond=0, tzinfo=None))}{ts}{email}"
//   token = int_to_base36(ts) + "-" + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[::2]
//   ts    = int((datetime(2024,5,18,10,0,0) - datetime(2001,1,1)).total_seconds()) == 737719200
// Django itself was not installed where this was written; the vector pins the algorithm above.
const SECRET = "django-insecure-test-secret-key-for-vectors";
Object.assign(process.env, {
  DJANGO_SECRET_KEY: SECRET,
  JWT_SECRET: "jwt-secret-not-used-for-these",
  AUTH_SECRET: "x",
  PASSWORD_RESET_TTL: "3d",
});
const tokens = await import("../lib/auth/django-tokens");

const user = {
  id: 42,
  passwordHash: `pbkdf2_sha256$870000$abcdefghijklmnop$${"A".repeat(43)}=`,
  lastLogin: new Date("2024-05-17T09:30:12.345678Z"),
  email: "Student@Example.ru",
};
const issuedAt = new Date("2024-05-18T10:00:00Z");

describe("Django-format activation / password-reset tokens", () => {
  test("uid is URL-safe base64 of the id without padding", () => {
    assert.equal(tokens.encodeUid(1), "MQ");
    assert.equal(tokens.encodeUid(42), "NDI");
    assert.equal(tokens.encodeUid(1234567), "MTIzNDU2Nw");
    assert.equal(tokens.decodeUid("MQ"), 1);
    assert.equal(tokens.decodeUid("MQ=="), 1);
    assert.equal(tokens.decodeUid("MTIzNDU2Nw"), 1234567);
    for (const bad of ["", "!!", "MA", "LTE", "YWJj", "OTk5OTk5OTk5OTk5", "M Q"]) assert.equal(tokens.decodeUid(bad), null, bad);
  });

  test("matches a vector computed with Django's algorithm in Python", () => {
    assert.equal(tokens.secondsSinceDjangoEpoch(issuedAt), 737719200);
    assert.equal(tokens.djangoLoginTimestamp(user.lastLogin), "2024-05-17 09:30:12");
    assert.equal(tokens.makeToken(user, issuedAt), "c77vs0-df665b1cbbb7b899fadf2b69e1e9145a");
    assert.equal(tokens.makeToken({ ...user, lastLogin: null }, issuedAt), "c77vs0-2bbed5383519f4264d5aeb095505ac48");
  });

  test("matches a step-by-step salted_hmac computation", () => {
    const value = `42${user.passwordHash}2024-05-17 09:30:12737719200Student@Example.ru`;
    const key = createHash("sha256").update(`django.contrib.auth.tokens.PasswordResetTokenGenerator${SECRET}`).digest();
    const hex = createHmac("sha256", key).update(value).digest("hex");
    let everySecond = "";
    for (let index = 0; index < hex.length; index += 2) everySecond += hex[index];
    assert.equal(tokens.makeToken(user, issuedAt), `${(737719200).toString(36)}-${everySecond}`);
  });

  test("is valid for PASSWORD_RESET_TTL and dies when what it signs changes", () => {
    const token = tokens.makeToken(user, issuedAt);
    assert.equal(tokens.checkToken(user, token, new Date(issuedAt.getTime() + 3 * 86400_000)), true);
    assert.equal(tokens.checkToken(user, token, new Date(issuedAt.getTime() + 3 * 86400_000 + 1000)), false);
    const at = new Date(issuedAt.getTime() + 60_000);
    assert.equal(tokens.checkToken({ ...user, passwordHash: "$argon2id$other" }, token, at), false);
    assert.equal(tokens.checkToken({ ...user, lastLogin: new Date() }, token, at), false);
    assert.equal(tokens.checkToken({ ...user, email: "other@example.ru" }, token, at), false);
    assert.equal(tokens.checkToken({ ...user, id: 43 }, token, at), false);
    for (const bad of ["", "c77vs0", "c77vs0-", `${token}0`, token.toUpperCase(), `zzzzzzzzzzzzzz-${token.split("-")[1]}`, "-abc"]) {
      assert.equal(tokens.checkToken(user, bad, at), false, bad);
    }
  });
});
