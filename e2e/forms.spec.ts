import { expect, test, type Locator, type Page } from "@playwright/test";
import { logIn, newStudent } from "./support/students";

// Forms as people without a mouse, or before the page's script, use them.

/** Presses Tab until `target` has the focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 6): Promise<void> {
  for (let presses = 0; presses < limit && !(await target.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("sign-up works with the keyboard alone", async ({ page }) => {
  const student = newStudent("Кира", "Лебедева", []);
  await page.goto("/register");
  await page.getByLabel("Имя", { exact: true }).focus();
  await page.keyboard.type(student.firstName);
  await page.keyboard.press("Tab");
  await page.keyboard.type(student.lastName);
  await page.keyboard.press("Tab");
  await page.keyboard.type("17052004");
  // On through the date's parts to "Далее".
  await tabTo(page, page.getByRole("button", { name: "Далее" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Хобби" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Поиск по хобби")).toBeFocused();
  await page.keyboard.type("Шахм");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await expect(page.getByText("Выбрано 1 из 10")).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Далее" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Аккаунт" })).toBeFocused();
  for (const value of [student.email, "", student.password, student.password]) {
    await page.keyboard.press("Tab");
    if (value) await page.keyboard.type(value);
  }
  await tabTo(page, page.getByRole("button", { name: "Далее" }));
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Согласия" })).toBeFocused();
  for (let box = 0; box < 3; box++) {
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
  }
  await tabTo(page, page.getByRole("button", { name: "Зарегистрироваться" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/matches$/);
  await expect(page.getByRole("heading", { name: "Привет, Кира!" })).toBeVisible();

  // And she can leave for good: deleting the account asks for the password, then signs her out.
  await page.goto("/settings");
  await page.locator("summary", { hasText: "Удалить аккаунт" }).click();
  await page.getByRole("button", { name: "Удалить навсегда" }).click();
  await expect(page.getByText("Поле «текущий пароль» не может быть пустым")).toBeVisible();
  await page.getByRole("textbox", { name: "Пароль", exact: true }).fill(student.password);
  await page.getByRole("button", { name: "Удалить навсегда" }).click();
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await logIn(page, student);
  await expect(page.getByRole("alert").filter({ hasText: "Неверный email или пароль" })).toBeVisible();
});

test("each step is checked before the next, and going back keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Имя", { exact: true }).fill("Лев");
  await page.getByRole("button", { name: "Далее" }).click();
  await page.getByRole("button", { name: "Далее" }).click();
  await expect(page.getByText("Выбери от 1 до 10 хобби")).toBeVisible();
  await page.getByRole("button", { name: "Назад" }).click();
  await expect(page.getByLabel("Имя", { exact: true })).toHaveValue("Лев");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up is one form that posts, and its errors come back next to the fields", async ({ page }) => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto("/register");
    await page.getByLabel("Имя", { exact: true }).fill("Ноа");
    await page.getByLabel("Email", { exact: true }).fill("noa@example.com");
    await page.getByLabel("Пароль", { exact: true }).fill("Sunflower-Orbit-77");
    await page.getByLabel("Повтори пароль").fill("Sunflower-Orbit-77");
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await expect(page.getByText("Выбери от 1 до 10 хобби")).toBeVisible();
    await expect(page.getByText("Без этого согласия зарегистрироваться нельзя").first()).toBeVisible();
    await expect(page.getByLabel("Имя", { exact: true })).toHaveValue("Ноа");
    expect(requests.some((line) => line.includes("Sunflower"))).toBe(false);
  });

  test("login posts and shows a wrong password", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Пароль").fill("wrong-password-1");
    await page.getByRole("button", { name: "Войти", exact: true }).click();
    await expect(page.getByText("Неверный email или пароль")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("nobody@example.com");
    expect(new URL(page.url()).search).toBe("");
  });
});
