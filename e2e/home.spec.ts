import { expect, test } from "@playwright/test";

test("the landing page introduces the service and counts down to the next round, time zone included", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Знакомься со студентами");
  const timer = page.getByRole("timer", { name: "До подбора пар осталось" });
  await expect(timer).toContainText(/(день|дня|дней)/);
  // It ticks on the client: the seconds change.
  const before = await timer.textContent();
  await expect.poll(async () => timer.textContent(), { timeout: 3_000 }).not.toBe(before);
  await expect(page.getByText(/\(Екатеринбург, UTC\+5\)/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Зарегистрироваться" })).toHaveAttribute("href", "/register");
  await expect(page.getByRole("main").getByRole("link", { name: "Войти" })).toHaveAttribute("href", "/login");
  await expect(page).toHaveTitle(/UniMatch/);
});

test("an unknown page is a Russian 404 with a way home, and the site has a favicon", async ({ page, request }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Такой страницы нет" })).toBeVisible();
  await expect(page).toHaveTitle("Страница не найдена — UniMatch");
  await page.getByRole("link", { name: "На главную", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  for (const path of ["/favicon.ico", "/icon.svg"]) expect((await request.get(path)).status()).toBe(200);
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon|favicon/);
});
