import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { runRound } from "./support/stubs";
import { logIn, logOut, newStudent, pauseParticipation, type Student } from "./support/students";

// Every page at 1280 px and 390 px: axe finds no serious or critical violation, and a full-page
// screenshot of each lands in e2e-screenshots/ for people to look at.

// Each test walks many pages (and axe checks each): more than the default 30 s on 2 cores.
test.setTimeout(180_000);

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
] as const;

const PUBLIC_PAGES = [
  { name: "landing", path: "/" },
  { name: "login", path: "/login" },
  { name: "register", path: "/register" },
  { name: "password-reset-request", path: "/password-reset" },
  { name: "password-reset-confirm", path: "/password-reset/MQ/c77vs0-00000000000000000000000000000000" },
  { name: "activation", path: "/auth/activate/MQ/c77vs0-00000000000000000000000000000000" },
  { name: "tg-auth", path: "/tg-auth" },
  { name: "not-found", path: "/no-such-page" },
];
const STUDENT_PAGES = [
  { name: "matches", path: "/matches" },
  { name: "hobbies", path: "/hobbies" },
  { name: "settings", path: "/settings" },
];

/** Every Content-Security-Policy violation the browser reports on `page`. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function checkPage(page: Page, name: string, viewport: (typeof VIEWPORTS)[number]): Promise<void> {
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  // The countdown ticks: let the first second pass so the screenshot is settled.
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `e2e-screenshots/${name}-${viewport.name}.png`, fullPage: true });
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
    `${name} at ${viewport.width} px`,
  ).toEqual([]);
}

async function registerThroughApi(page: Page, student: Student, hobbies: number[]): Promise<void> {
  const response = await page.request.post("/api/register/", {
    data: { email: student.email, password: student.password, first_name: student.firstName, last_name: student.lastName, hobby: hobbies },
  });
  expect(response.status()).toBe(201);
}

for (const viewport of VIEWPORTS) {
  test(`public pages at ${viewport.width} px: accessible, screenshotted, nothing blocked by the CSP`, async ({ page }) => {
    const violations = cspViolations(page);
    for (const { name, path } of PUBLIC_PAGES) {
      await page.goto(path);
      await checkPage(page, name, viewport);
    }
    await page.goto("/register");
    await page.getByRole("button", { name: "Далее" }).click();
    await checkPage(page, "register-hobbies", viewport);
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Пароль").fill("wrong-password-1");
    await page.getByRole("button", { name: "Войти", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Неверный email или пароль" })).toBeVisible();
    await checkPage(page, "login-error", viewport);
    expect(violations).toEqual([]);
  });
}

test("the student's pages at both widths: accessible, screenshotted, before and after a round", async ({ page }) => {
  const violations = cspViolations(page);
  const student = newStudent("Полина", "Зайцева", [], "@polina_z");
  const partner = newStudent("Матвей", "Соколов", []);
  await registerThroughApi(page, student, [1, 3, 7, 24]);
  await registerThroughApi(page, partner, [1, 7, 12]);
  await logIn(page, student);
  await expect(page).toHaveURL(/\/matches$/);
  for (const viewport of VIEWPORTS) {
    await page.goto("/matches");
    await checkPage(page, "matches-empty", viewport);
  }
  // The oldest slot of the e2e run (the journey uses later ones).
  await runRound(new Date(Date.now() - 4 * 7 * 24 * 3600 * 1000));
  // The pair shares Программирование and Кино: its conversation starter comes with the match.
  await page.goto("/matches");
  await expect(page.getByText("С чего начать разговор")).toBeVisible();
  for (const viewport of VIEWPORTS) {
    for (const { name, path } of STUDENT_PAGES) {
      await page.goto(path);
      await checkPage(page, name, viewport);
    }
    await page.goto("/settings");
    await page.locator("summary", { hasText: "Удалить аккаунт" }).click();
    await checkPage(page, "settings-delete-open", viewport);
    await page.locator("header summary").click();
    await checkPage(page, "menu-open", viewport);
  }
  await pauseParticipation(page);
  for (const viewport of VIEWPORTS) {
    await page.goto("/matches");
    await checkPage(page, "matches-paused", viewport);
  }
  await logOut(page);
  await logIn(page, partner);
  await expect(page).toHaveURL(/\/matches$/);
  await pauseParticipation(page);
  expect(violations).toEqual([]);
});
