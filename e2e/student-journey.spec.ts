import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { completeTelegramWidget, mailTo, runRound, signedWidgetPayload } from "./support/stubs";
import { logIn, logOut, newStudent, signUp, type Student } from "./support/students";

// The whole journey of students in the browser, against the production build: sign-up, a round,
// seeing each other, Telegram, a photo, participation, sign-out and in, password recovery, a trio.

// Each test walks many pages (and axe checks each): more than the default 30 s on 2 cores.
test.setTimeout(180_000);

const WEEK = 7 * 24 * 3600 * 1000;
const anna = newStudent("Анна", "Смирнова", ["Шахматы", "Кино", "Йога"], "@anna_smirnova");
const boris = newStudent("Борис", "Иванов", ["Шахматы", "Кино", "Футбол"]);

test.describe.configure({ mode: "serial" });

async function studentPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

let annaPage: Page;
let borisPage: Page;

test("two students sign up through the four steps and see the countdown", async ({ browser }) => {
  annaPage = await studentPage(browser);
  borisPage = await studentPage(browser);
  for (const [page, student] of [
    [annaPage, anna],
    [borisPage, boris],
  ] as [Page, Student][]) {
    await signUp(page, student);
    await expect(page.getByRole("heading", { name: `Привет, ${student.firstName}!` })).toBeVisible();
    await expect(page.getByText("Твой первый собеседник появится здесь после ближайшего подбора.")).toBeVisible();
    await expect(page.getByRole("timer")).toBeVisible();
    await expect(page.getByText(/UTC[+−]?\d*/).first()).toBeVisible();
  }
});

test("after a round both see each other with their shared hobbies", async () => {
  await runRound(new Date(Date.now() - 2 * WEEK));
  await annaPage.reload();
  const borisCard = annaPage.getByRole("article").filter({ hasText: "Борис Иванов" });
  await expect(borisCard).toBeVisible();
  await expect(borisCard.getByText("Общих хобби: 2")).toBeVisible();
  await expect(borisCard.getByRole("listitem").filter({ hasText: "общее: Шахматы" })).toBeVisible();
  await expect(borisCard.getByRole("listitem").filter({ hasText: "Футбол" })).toBeVisible();
  // Boris gave no Telegram: his email is the contact.
  await expect(borisCard.getByRole("link", { name: `Написать на ${boris.email}` })).toHaveAttribute("href", `mailto:${boris.email}`);

  await borisPage.reload();
  const annaCard = borisPage.getByRole("article").filter({ hasText: "Анна Смирнова" });
  await expect(annaCard.getByRole("link", { name: /Написать в Telegram/ })).toHaveAttribute("href", "https://t.me/anna_smirnova");
});

test("Anna links Telegram with the Login Widget", async () => {
  await annaPage.goto("/settings");
  await completeTelegramWidget(annaPage, signedWidgetPayload({ id: 700_100_200, first_name: "Анна", username: "anna_smirnova" }));
  // The settings page, reloaded by the widget once linked, shows the linked account.
  await expect(annaPage.getByText(/Telegram привязан: @anna_smirnova\. Сообщения о новых парах приходят в бот\./)).toBeVisible();
});

test("Anna uploads a photo that Boris then sees on his matches page", async () => {
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#4f46e5" } })
    .png()
    .toBuffer();
  await annaPage.goto("/settings");
  await annaPage
    .getByRole("region", { name: "Фото профиля" })
    .locator('input[type="file"]')
    .setInputFiles({ name: "anna.png", mimeType: "image/png", buffer: photo });
  await annaPage.getByRole("button", { name: "Загрузить" }).click();
  await expect(annaPage.getByRole("banner").locator('img[src^="/api/photos/"]')).toBeVisible();

  await borisPage.goto("/matches");
  const annaPhoto = borisPage.getByRole("article").filter({ hasText: "Анна Смирнова" }).locator("img");
  await expect(annaPhoto).toHaveAttribute("src", /^\/api\/photos\/\d+-[0-9a-f]{12}\.webp$/);
  expect(await annaPhoto.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(256);
});

test("Anna switches participation off and on", async () => {
  await annaPage.goto("/settings");
  await annaPage.getByRole("button", { name: "Поставить на паузу" }).click();
  await expect(annaPage.getByText("Ты на паузе: пары тебе не подбираются.")).toBeVisible();
  await annaPage.goto("/matches");
  await expect(annaPage.getByText("Ты на паузе", { exact: true })).toBeVisible();
  await annaPage.getByRole("button", { name: "Снова участвовать" }).click();
  await expect(annaPage.getByText("Ты на паузе", { exact: true })).toHaveCount(0);
  await annaPage.goto("/settings");
  await expect(annaPage.getByText("Ты участвуешь: каждую неделю мы подбираем тебе нового собеседника.")).toBeVisible();
});

test("a wrong password shows the error next to the form", async ({ page }) => {
  await logIn(page, { email: anna.email, password: "not-her-password-1" });
  await expect(page.getByRole("alert").filter({ hasText: "Неверный email или пароль" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("Anna logs out, recovers her password by the mailed link, and logs in with the new one", async () => {
  await logOut(annaPage);
  await annaPage.goto("/matches");
  await expect(annaPage).toHaveURL(/\/login\?next=%2Fmatches/);

  await annaPage.getByRole("link", { name: "Забыл пароль?" }).click();
  await expect(annaPage).toHaveURL(/\/password-reset$/);
  // A client-side navigation: let the router settle before typing (it may render the page again).
  await annaPage.waitForLoadState("networkidle");
  await annaPage.getByLabel("Email").fill(anna.email);
  await expect(annaPage.getByLabel("Email")).toHaveValue(anna.email);
  await annaPage.getByRole("button", { name: "Прислать ссылку" }).click();
  await expect(annaPage.getByText(/мы отправили на него письмо/)).toBeVisible();

  const mail = await mailTo(anna.email);
  const link = /https?:\/\/\S+\/password-reset\/\S+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  await annaPage.goto(link!);
  anna.password = `${anna.password}-new`;
  await annaPage.getByLabel("Новый пароль").fill(anna.password);
  await annaPage.getByLabel("Повтори пароль").fill(anna.password);
  await annaPage.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(annaPage.getByText("Пароль изменён")).toBeVisible();

  await logIn(annaPage, anna, "/settings");
  await expect(annaPage).toHaveURL(/\/settings$/);
});

test("a third, fourth and fifth student make a trio: each sees both partners", async ({ browser }) => {
  // Anna and Boris sit this round out, so the three newcomers are the whole round.
  for (const page of [annaPage, borisPage]) {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Поставить на паузу" }).click();
    await expect(page.getByText("Ты на паузе: пары тебе не подбираются.")).toBeVisible();
  }
  const trio = [
    newStudent("Вера", "Котова", ["Музыка", "Театр"]),
    newStudent("Глеб", "Орлов", ["Музыка", "Кино"]),
    newStudent("Дина", "Белова", ["Театр", "Кино"]),
  ];
  const pages: Page[] = [];
  for (const student of trio) {
    const page = await studentPage(browser);
    await signUp(page, student);
    pages.push(page);
  }
  await runRound(new Date(Date.now() - WEEK));
  await pages[0]!.reload();
  await expect(pages[0]!.getByRole("heading", { name: "Твоя тройка на этой неделе" })).toBeVisible();
  await expect(pages[0]!.getByRole("article").filter({ hasText: "Глеб Орлов" })).toBeVisible();
  await expect(pages[0]!.getByRole("article").filter({ hasText: "Дина Белова" })).toBeVisible();

  // The earlier round moved into Anna's history, with what she and Boris share.
  await annaPage.goto("/matches");
  const history = annaPage.getByRole("region", { name: "История знакомств" });
  await expect(history.getByText("Борис Иванов")).toBeVisible();
  await expect(history.getByText("Шахматы")).toBeVisible();
});
