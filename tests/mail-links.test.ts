import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, describe, test } from "node:test";

// ACTIVATION_URL / PASSWORD_RESET_URL (API.md §9): a deployment whose SPA lives on another origin
// mails links to that SPA's routes. The default links are covered by the djoser suites.
const ACTIVATION_URL = "https://spa.example.test/#/activate/{uid}/{token}";
const PASSWORD_RESET_URL = "https://spa.example.test/#/password/reset/confirm/{uid}/{token}";

// A real SMTP server and the templates first: they must be set before the app's modules read the environment.
const { startTestSmtp, linkIn } = await import("./support/smtp");
const smtp = await startTestSmtp();
Object.assign(process.env, { SMTP_URL: smtp.url, ACTIVATION_URL, PASSWORD_RESET_URL });
const { startApp } = await import("./support/app");
const { postJson, uniqueEmail, STRONG_PASSWORD } = await import("./support/requests");
const { mailDeliveriesSettled } = await import("@/lib/background/mail");
const { activationMail } = await import("../lib/mail/templates");

after(async () => {
  await mailDeliveriesSettled();
  await smtp.stop();
});

const root = path.resolve(import.meta.dirname, "..");

/** Loads lib/env.ts in a fresh process with `overrides`; its exit status and what it printed. */
function loadEnvWith(overrides: Record<string, string>): { status: number | null; output: string } {
  const script = "const { env } = await import('./lib/env.ts'); console.log(JSON.stringify([env.ACTIVATION_URL, env.PASSWORD_RESET_URL]));";
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, ...overrides },
    encoding: "utf8",
  });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

describe("mailed link templates", () => {
  test("sign-up and reset mail links that follow the templates, and their uid and token work", async () => {
    const { baseUrl } = await startApp();
    const email = uniqueEmail("spa-links");
    const created = await postJson(baseUrl, "/auth/users/", { email, password: STRONG_PASSWORD, re_password: STRONG_PASSWORD });
    assert.equal(created.status, 201, created.text);

    const activation = linkIn(await smtp.waitForMail(email), "/#/activate");
    assert.ok(activation.url.startsWith("https://spa.example.test/#/activate/"), activation.url);
    assert.equal(Buffer.from(activation.uid, "base64url").toString(), String(created.body.id));
    const activated = await postJson(baseUrl, "/auth/users/activation/", { uid: activation.uid, token: activation.token });
    assert.equal(activated.status, 204, activated.text);

    assert.equal((await postJson(baseUrl, "/auth/users/reset_password/", { email })).status, 204);
    const reset = linkIn(await smtp.waitForMail(email, { count: 2 }), "/#/password/reset/confirm");
    assert.ok(reset.url.startsWith("https://spa.example.test/#/password/reset/confirm/"), reset.url);
    const newPassword = "Nebo-Zvezda-77!";
    const confirmed = await postJson(baseUrl, "/auth/users/reset_password_confirm/", {
      uid: reset.uid,
      token: reset.token,
      new_password: newPassword,
    });
    assert.equal(confirmed.status, 204, confirmed.text);
    assert.equal((await postJson(baseUrl, "/api/token/", { email, password: newPassword })).status, 200);

    for (const mail of smtp.mailsTo(email)) assert.doesNotMatch(mail.text, /localhost:3000/, "no link to APP_URL's pages");
  });

  test("uid and token are URL-encoded where the template puts them", () => {
    const mail = activationMail({ to: "x@example.com", uid: "a/b?c", token: "d e#f&g" });
    assert.match(mail.text, /^https:\/\/spa\.example\.test\/#\/activate\/a%2Fb%3Fc\/d%20e%23f%26g$/m);
    assert.ok(mail.html.includes('href="https://spa.example.test/#/activate/a%2Fb%3Fc/d%20e%23f%26g"'), mail.html);
  });

  test("the defaults are APP_URL's own pages", () => {
    const loaded = loadEnvWith({ ACTIVATION_URL: "", PASSWORD_RESET_URL: "", APP_URL: "https://unimatch.example.test/" });
    assert.equal(loaded.status, 0, loaded.output);
    assert.deepEqual(JSON.parse(loaded.output.trim().split("\n").at(-1)!), [
      "https://unimatch.example.test/auth/activate/{uid}/{token}",
      "https://unimatch.example.test/password-reset/{uid}/{token}",
    ]);
  });

  test("a malformed template stops the app at start, naming the variable", () => {
    const bad: Array<[string, string, RegExp]> = [
      ["PASSWORD_RESET_URL", "https://spa.example.test/#/reset/{uid}", /must contain \{token\}/],
      ["ACTIVATION_URL", "https://spa.example.test/#/activate/{token}", /must contain \{uid\}/],
      ["ACTIVATION_URL", "/auth/activate/{uid}/{token}", /absolute http\(s\) URL/],
      ["PASSWORD_RESET_URL", "javascript:alert(1)//{uid}/{token}", /absolute http\(s\) URL/],
    ];
    for (const [name, value, problem] of bad) {
      const loaded = loadEnvWith({ [name]: value });
      assert.notEqual(loaded.status, 0, `${name}=${value} was accepted`);
      assert.match(loaded.output, /Invalid environment configuration/);
      const line = loaded.output.split("\n").find((text) => text.trim().startsWith(`${name}:`));
      assert.ok(line, `the error names ${name}:\n${loaded.output}`);
      assert.match(line, problem);
    }
  });
});
