import { expect, test } from "@playwright/test";

test("the landing page introduces the service and counts down to the next round, time zone included", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "UniMatch", level: 1 })).toBeVisible();
  await expect(page.getByText(/через \d+ (день|дня|дней), \d+ (час|часа|часов) и \d+ (минуту|минуты|минут)/)).toBeVisible();
  await expect(page.getByText(/часовой пояс: Екатеринбург, UTC\+5/)).toBeVisible();
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
