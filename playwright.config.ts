import { defineConfig, devices } from "@playwright/test";

const port = process.env.E2E_PORT ?? "3210";

// Browser tests against the production build. Chromium comes from the system (Debian's package):
// `npx playwright install` cannot download browsers here.
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    locale: "ru-RU",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    // E2E_REUSE=1: drive a server already started with `node --import tsx scripts/e2e-server.ts` (iterating on a spec).
    reuseExistingServer: process.env.E2E_REUSE === "1",
    timeout: 120_000,
    env: { E2E_PORT: port },
  },
});
