import { expect, test } from "@playwright/test";
import { completeTelegramWidget, signedWidgetPayload } from "./support/stubs";
import { pauseParticipation } from "./support/students";

// The pages behind mailed links, driven in a browser. The happy paths (a real mailed link) are
// covered through HTTP in tests/djoser-*.test.ts; here: what a person sees, and that the forms work
// and stay safe before their script has loaded.

const RESET_PAGE = "/password-reset/MQ/c77vs0-00000000000000000000000000000000";
const ACTIVATION_PAGE = "/auth/activate/MQ/c77vs0-00000000000000000000000000000000";

test("the reset form checks the two passwords in the browser before sending", async ({ page }) => {
  await page.goto(RESET_PAGE);
  await expect(page.getByRole("heading", { name: "Новый пароль" })).toBeVisible();
  await expect(page).toHaveTitle("Новый пароль — UniMatch");
  await page.getByLabel("Новый пароль").fill("Sunflower-Orbit-93");
  await page.getByLabel("Повтори пароль").fill("Sunflower-Orbit-94");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.getByText("Пароли не совпадают")).toBeVisible();
});

test("a reset link that is not valid says so after submitting", async ({ page }) => {
  await page.goto(RESET_PAGE);
  await page.getByLabel("Новый пароль").fill("Sunflower-Orbit-93");
  await page.getByLabel("Повтори пароль").fill("Sunflower-Orbit-93");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  // (Next.js adds an empty role="alert" route announcer of its own, hence the text filter.)
  await expect(page.getByRole("alert").filter({ hasText: /Ссылка недействительна/ })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Пароль изменён/ })).toHaveCount(0);
});

test.describe("without JavaScript (before the page's script has loaded)", () => {
  test.use({ javaScriptEnabled: false });

  test("the reset form POSTs: the password never appears in a URL, and the answer is shown", async ({ page }) => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto(RESET_PAGE);
    await page.getByLabel("Новый пароль").fill("Sunflower-Orbit-93");
    await page.getByLabel("Повтори пароль").fill("Sunflower-Orbit-93");
    await page.getByRole("button", { name: "Сменить пароль" }).click();
    await expect(page.getByText(/Ссылка недействительна/)).toBeVisible();
    expect(requests.some((line) => line.includes("Sunflower"))).toBe(false);
    expect(requests.filter((line) => line.startsWith("POST"))).toHaveLength(1);
    expect(new URL(page.url()).search).toBe("");
  });

  test("the activation page activates only on the button, with a POST", async ({ page }) => {
    const posts: string[] = [];
    page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));
    await page.goto(ACTIVATION_PAGE);
    await page.reload();
    expect(posts).toHaveLength(0);
    await page.getByRole("button", { name: "Активировать учётную запись" }).click();
    await expect(page.getByText(/Ссылка могла устареть/)).toBeVisible();
    expect(posts).toHaveLength(1);
  });
});

test("an activation link does nothing until the button is pressed, then explains what went wrong", async ({ page }) => {
  const posts: string[] = [];
  page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));
  await page.goto(ACTIVATION_PAGE);
  await expect(page.getByRole("heading", { name: "Активация учётной записи" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Активировать учётную запись" })).toBeVisible();
  expect(posts).toHaveLength(0);
  await page.getByRole("button", { name: "Активировать учётную запись" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Ссылка могла устареть/ })).toBeVisible();
});

test("Telegram sign-in on /tg-auth creates an account and opens the matches", async ({ page }) => {
  await page.goto("/tg-auth");
  await expect(page.getByRole("heading", { name: "Вход через Telegram" })).toBeVisible();
  await completeTelegramWidget(page, signedWidgetPayload({ id: 700_300_400, first_name: "Тимур", username: "timur_tg" }));
  await expect(page).toHaveURL(/\/matches$/);
  await expect(page.getByRole("heading", { name: "Привет, Тимур!" })).toBeVisible();
  await pauseParticipation(page);
});

test("a forged Telegram payload is refused with a clear message", async ({ page }) => {
  await page.goto("/tg-auth");
  await completeTelegramWidget(page, { ...signedWidgetPayload({ id: 700_300_401, first_name: "Ева" }), first_name: "Мэллори" });
  await expect(page.getByRole("alert").filter({ hasText: /Telegram не подтвердил вход/ })).toBeVisible();
  await expect(page).toHaveURL(/\/tg-auth$/);
});
