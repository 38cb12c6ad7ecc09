import assert from "node:assert/strict";
import { after, describe, test } from "node:test";

// A real SMTP server first: SMTP_URL must be set before the app's modules read the environment.
const { startTestSmtp, linkIn } = await import("./support/smtp");
const smtp = await startTestSmtp();
process.env.SMTP_URL = smtp.url;
const { startApp } = await import("./support/app");
const { assertError, get, postJson, signUp, uniqueEmail, STRONG_PASSWORD } = await import("./support/requests");
const { mailDeliveriesSettled } = await import("@/lib/background/mail");

after(async () => {
  await mailDeliveriesSettled();
  await smtp.stop();
});

const PREFIXES = ["/auth", "/api/auth", "/users/api/auth"] as const;

/** Signs up through djoser on `prefix` and follows the mailed activation link; returns the account. */
async function activatedAccount(baseUrl: string, prefix: string = "/auth") {
  const email = uniqueEmail("djoser");
  const created = await postJson(baseUrl, `${prefix}/users/`, { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
  assert.equal(created.status, 201, created.text);
  const { uid, token } = linkIn(await smtp.waitForMail(email), "/auth/activate");
  const activated = await postJson(baseUrl, `${prefix}/users/activation/`, { uid, token });
  assert.equal(activated.status, 204, activated.text);
  return { email, id: created.body.id as number, uid, token };
}

async function login(baseUrl: string, email: string, password: string) {
  return postJson(baseUrl, "/api/token/", { email, password });
}

describe("djoser sign-up and activation", () => {
  test("a mailed activation link followed to a successful login", async () => {
    const { baseUrl } = await startApp();
    const email = uniqueEmail("activate");
    const created = await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(Object.keys(created.body).sort(), ["email", "id"]);
    assert.equal(created.body.email, email);
    assert.equal(typeof created.body.id, "number");

    // Inactive until the link is followed.
    assert.equal((await login(baseUrl, email, STRONG_PASSWORD)).status, 401);

    const mail = await smtp.waitForMail(email);
    assert.match(mail.subject, /UniMatch/);
    const link = linkIn(mail, "/auth/activate");
    assert.ok(link.url.startsWith("http://localhost:3000/auth/activate/"), link.url);
    assert.equal(Buffer.from(link.uid, "base64url").toString(), String(created.body.id));

    const page = await get(baseUrl, new URL(link.url).pathname, { expectJson: false });
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(page.text, /Активация учётной записи/);

    const activated = await postJson(baseUrl, "/auth/users/activation/", { uid: link.uid, token: link.token });
    assert.equal(activated.status, 204, activated.text);
    assert.equal(activated.text, "");

    const tokens = await login(baseUrl, email, STRONG_PASSWORD);
    assert.equal(tokens.status, 200, tokens.text);
    assert.equal(typeof tokens.body.access, "string");

    // The link is spent: djoser's 403 stale.
    assertError(await postJson(baseUrl, "/auth/users/activation/", { uid: link.uid, token: link.token }), 403, {
      detail: "Stale token for given user.",
    });
  });

  for (const prefix of PREFIXES) {
    test(`sign-up, activation and resend succeed under ${prefix}/`, async () => {
      const { baseUrl } = await startApp();
      const { email } = await activatedAccount(baseUrl, prefix);
      assert.equal((await login(baseUrl, email, STRONG_PASSWORD)).status, 200);

      // Resend: 204 for an unknown email and for an active account, and no mail for either.
      const before = smtp.received.length;
      for (const target of [uniqueEmail("nobody"), email]) {
        const resent = await postJson(baseUrl, `${prefix}/users/resend_activation/`, { email: target });
        assert.equal(resent.status, 204, resent.text);
      }
      await mailDeliveriesSettled();
      assert.equal(smtp.received.length, before);
    });
  }

  test("resend_activation mails a fresh link to an inactive account, both links work until used", async () => {
    const { baseUrl } = await startApp();
    const email = uniqueEmail("resend");
    assert.equal(
      (await postJson(baseUrl, "/api/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD })).status,
      201,
    );
    await smtp.waitForMail(email);
    assert.equal((await postJson(baseUrl, "/api/auth/users/resend_activation/", { email: email.toUpperCase() })).status, 204);
    const second = linkIn(await smtp.waitForMail(email, { count: 2 }), "/auth/activate");
    assert.equal((await postJson(baseUrl, "/users/api/auth/users/activation/", second)).status, 204);
    assert.equal((await login(baseUrl, email, STRONG_PASSWORD)).status, 200);
  });

  test("sign-up errors carry DRF's bodies and leave nothing behind", async () => {
    const { baseUrl } = await startApp();
    const email = uniqueEmail("bad-signup");
    assertError(await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: `${STRONG_PASSWORD}x` }), 400, {
      non_field_errors: ["The two password fields didn't match."],
    });
    const weak = await postJson(baseUrl, "/auth/users/", { email, password: "12345678", re_password: "12345678" });
    assertError(weak, 400, { password: ["This password is too common.", "This password is entirely numeric."] });
    assertError(await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD }), 400, {
      re_password: ["This field is required."],
    });
    assertError(
      await postJson(baseUrl, "/auth/users/", { email: "not-an-email", password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }),
      400,
      {
        email: ["Enter a valid email address."],
      },
    );
    // None of the refused attempts created the account or mailed anything.
    assert.equal((await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD })).status, 201);
    await smtp.waitForMail(email);
    assertError(await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }), 400, {
      email: ["user with this email already exists."],
    });
    const taken = await signUp(baseUrl);
    assertError(
      await postJson(baseUrl, "/users/api/auth/users/", { email: taken.email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD }),
      400,
      {
        email: ["user with this email already exists."],
      },
    );
    await mailDeliveriesSettled();
    assert.equal(smtp.mailsTo(email).length, 1);
  });

  test("activation errors: bad uid, bad token, missing fields", async () => {
    const { baseUrl } = await startApp();
    const headers = { "x-forwarded-for": "10.1.0.1" };
    const email = uniqueEmail("act-errors");
    const created = await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    const { uid, token } = linkIn(await smtp.waitForMail(email), "/auth/activate");
    const invalidUid = { uid: ["Invalid user id or user doesn't exist."] };
    for (const badUid of ["OTk5OTk5", "!!!", "MA", "bm90LWEtbnVtYmVy"]) {
      assertError(await postJson(baseUrl, "/auth/users/activation/", { uid: badUid, token }, { headers }), 400, invalidUid);
    }
    for (const badToken of ["nope", `${token.split("-")[0]}-${"0".repeat(32)}`, token.slice(0, -1)]) {
      assertError(await postJson(baseUrl, "/auth/users/activation/", { uid, token: badToken }, { headers }), 400, {
        token: ["Invalid token for given user."],
      });
    }
    assertError(await postJson(baseUrl, "/auth/users/activation/", { uid }, { headers }), 400, { token: ["This field is required."] });
    assertError(await postJson(baseUrl, "/auth/users/activation/", { uid: 5, token }, { headers }), 400, { uid: ["Not a valid string."] });
    assert.equal((await postJson(baseUrl, "/auth/users/activation/", { uid, token }, { headers })).status, 204);
    assert.equal(created.status, 201);
  });

  test("bad activation tokens count against the account's rate limit", async () => {
    const { baseUrl } = await startApp();
    const headers = { "x-forwarded-for": "10.1.0.2" };
    const email = uniqueEmail("throttle");
    await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    const { uid, token } = linkIn(await smtp.waitForMail(email), "/auth/activate");
    const wrong = `${token.split("-")[0]}-${"1".repeat(32)}`;
    for (let attempt = 0; attempt < 10; attempt++) {
      assert.equal((await postJson(baseUrl, "/auth/users/activation/", { uid, token: wrong }, { headers })).status, 400);
    }
    const throttled = await postJson(baseUrl, "/auth/users/activation/", { uid, token }, { headers });
    assert.equal(throttled.status, 429, throttled.text);
    assert.match(throttled.body.detail, /^Request was throttled\. Expected available in \d+ seconds\.$/);
    assert.match(throttled.headers.get("retry-after") ?? "", /^\d+$/);
  });
});
