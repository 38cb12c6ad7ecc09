import { createHash, createHmac } from "node:crypto";
import { expect, type Page } from "@playwright/test";

// What scripts/e2e-server.ts started beside the app: the SMTP and Telegram stubs, and round runs.
const controlUrl = `http://127.0.0.1:${process.env.E2E_CONTROL_PORT ?? Number(process.env.E2E_PORT ?? "3210") + 5}`;
export const E2E_BOT_TOKEN = "123456789:e2e-test-bot-token";

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** The latest mail to `address`, waiting for it to arrive. */
export async function mailTo(address: string, count = 1): Promise<Mail> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () => {
        const mails: Mail[] = await (await fetch(`${controlUrl}/mails`)).json();
        found = mails.filter((mail) => mail.to.includes(address));
        return found.length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return found.at(-1)!;
}

/** Telegram messages the app sent, in order. */
export async function telegramMessages(): Promise<Array<{ chatId: string; text: string }>> {
  return (await fetch(`${controlUrl}/telegram`)).json();
}

/** Runs the matching round of the slot current at `at` (the operators' `npm run match:round`). */
export async function runRound(at: Date = new Date()): Promise<void> {
  const response = await fetch(`${controlUrl}/round?at=${encodeURIComponent(at.toISOString())}`, { method: "POST" });
  const result = await response.json();
  expect(response.status, result.output).toBe(200);
}

/** A Login Widget payload for `user`, signed with the test bot's token exactly as Telegram signs it. */
export function signedWidgetPayload(user: { id: number; first_name: string; username?: string }): Record<string, string | number> {
  const data: Record<string, string | number> = { ...user, auth_date: Math.floor(Date.now() / 1000) };
  const checkString = Object.keys(data)
    .sort()
    .map((key) => `${key}=${data[key]}`)
    .join("\n");
  const secret = createHash("sha256").update(E2E_BOT_TOKEN).digest();
  return { ...data, hash: createHmac("sha256", secret).update(checkString).digest("hex") };
}

/** Hands a signed payload to the page's Login Widget callback (the widget's script cannot load here). */
export async function completeTelegramWidget(page: Page, payload: Record<string, string | number>): Promise<void> {
  await page.waitForFunction(() => typeof window.onTelegramAuth === "function");
  await page.evaluate((user) => window.onTelegramAuth!(user), payload);
}
