import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export interface Student {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  hobbies: string[];
  telegram?: string;
}

export function newStudent(firstName: string, lastName: string, hobbies: string[], telegram?: string): Student {
  const tag = randomBytes(4).toString("hex");
  return {
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}.${tag}@example.com`,
    password: `Sunflower-Orbit-${tag}`,
    hobbies,
    telegram,
  };
}

/** Walks the four sign-up steps as a student would, ending on /matches signed in. */
export async function signUp(page: Page, student: Student): Promise<void> {
  await page.goto("/register");
  await page.getByLabel("Имя", { exact: true }).fill(student.firstName);
  await page.getByLabel("Фамилия", { exact: true }).fill(student.lastName);
  await page.getByLabel("Дата рождения").fill("2004-05-17");
  await page.getByRole("button", { name: "Далее" }).click();

  await expect(page.getByRole("heading", { name: "Хобби" })).toBeFocused();
  for (const hobby of student.hobbies) {
    await page.getByLabel("Поиск по хобби").fill(hobby);
    await page.getByText(hobby, { exact: true }).click();
  }
  await page.getByLabel("Поиск по хобби").fill("");
  await expect(page.getByText(`Выбрано ${student.hobbies.length} из 10`)).toBeVisible();
  await page.getByRole("button", { name: "Далее" }).click();

  await page.getByLabel("Email", { exact: true }).fill(student.email);
  if (student.telegram) await page.getByLabel("Ник в Telegram").fill(student.telegram);
  await page.getByLabel("Пароль", { exact: true }).fill(student.password);
  await page.getByLabel("Повтори пароль").fill(student.password);
  await page.getByRole("button", { name: "Далее" }).click();

  await page.getByLabel("Принимаю правила UniMatch").check();
  await page.getByLabel(/обработку моих персональных данных/).check();
  await page.getByLabel(/показывать моё имя/).check();
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(page).toHaveURL(/\/matches$/);
}

export async function logIn(page: Page, student: Pick<Student, "email" | "password">, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email", { exact: true }).fill(student.email);
  await page.getByLabel("Пароль", { exact: true }).fill(student.password);
  await page.getByRole("button", { name: "Войти", exact: true }).click();
}

export async function logOut(page: Page): Promise<void> {
  await page.locator("header summary").click();
  await page.getByRole("banner").getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/**
 * Takes the signed-in student out of the weekly rounds from /settings. Specs call it when done, so the
 * students they made do not join the rounds of the specs that follow (all share one server).
 */
export async function pauseParticipation(page: Page): Promise<void> {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Поставить на паузу" }).click();
  await expect(page.getByText("Ты на паузе: пары тебе не подбираются.")).toBeVisible();
}
