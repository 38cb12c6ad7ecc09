import { expect, test } from "@playwright/test";

// The pages behind mailed links, driven in a browser. The happy paths (a real mailed link) are
// covered through HTTP in tests/djoser-*.test.ts; here: what a person sees when something is wrong.

test("the reset form checks the two passwords in the browser before sending", async ({ page }) => {
  await page.goto("/password-reset/MQ/c77vs0-00000000000000000000000000000000");
  await expect(page.getByRole("heading", { name: "Новый пароль" })).toBeVisible();
  await page.getByLabel("Новый пароль").fill("Sunflower-Orbit-93");
  await page.getByLabel("Повторите пароль").fill("Sunflower-Orbit-94");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.getByText("Пароли не совпадают")).toBeVisible();
});

test("a reset link that is not valid says so after submitting", async ({ page }) => {
  await page.goto("/password-reset/MQ/c77vs0-00000000000000000000000000000000");
  await page.getByLabel("Новый пароль").fill("Sunflower-Orbit-93");
  await page.getByLabel("Повторите пароль").fill("Sunflower-Orbit-93");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  // (Next.js adds an empty role="alert" route announcer of its own, hence the text filter.)
  await expect(page.getByRole("alert").filter({ hasText: /Ссылка недействительна/ })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
});

test("an activation link that is not valid explains what to do", async ({ page }) => {
  await page.goto("/auth/activate/MQ/c77vs0-00000000000000000000000000000000");
  await expect(page.getByText(/Ссылка могла устареть/)).toBeVisible();
});

test("Telegram sign-in explains itself when no bot is configured", async ({ page }) => {
  await page.goto("/tg-auth");
  await expect(page.getByRole("heading", { name: "Вход через Telegram" })).toBeVisible();
  await expect(page.getByText(/пока не настроен/)).toBeVisible();
});
