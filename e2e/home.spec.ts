import { expect, test } from "@playwright/test";

test("the landing page introduces the service and counts down to the next round", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "UniMatch" })).toBeVisible();
  await expect(page.getByText(/Следующий подбор пар через \d+ (день|дня|дней)/)).toBeVisible();
  await expect(page).toHaveTitle(/UniMatch/);
});
