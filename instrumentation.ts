/**
 * Runs once when the server starts: validates the environment (failing by variable name),
 * migrates and seeds the embedded database before the first request, shares it with local scripts,
 * starts the background work, and in development tells how to become staff.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/lib/http/server-hooks")).installServerHooks();
  const { env } = await import("@/lib/env");
  const { log } = await import("@/lib/log");
  const { ensureDatabaseReady, shareEmbeddedDatabase } = await import("@/db/client");
  await ensureDatabaseReady();
  // On the embedded database, scripts (`npm run user:create` …) reach it through this process.
  try {
    const port = await shareEmbeddedDatabase();
    if (port !== null) log.debug("embedded database shared with local scripts", { host: "127.0.0.1", port });
  } catch (error) {
    log.warn("embedded database not shared; scripts must wait until this server stops", { error: String(error) });
  }
  // Without Inngest, this process runs the weekly round on schedule and picks up outbox mail left
  // pending by a restart; with Inngest, its cron and sweep functions do.
  const { inngestConfigured } = await import("@/inngest/client");
  if (!inngestConfigured()) {
    const { startMailSweeper } = await import("@/lib/background/mail");
    const { startRoundScheduler } = await import("@/lib/background/round-scheduler");
    startMailSweeper();
    startRoundScheduler();
  }
  if (env.NODE_ENV === "development") {
    console.log(
      "\n  To become staff, run in another terminal (works while this server runs):\n" +
        "    npm run user:create -- --email you@example.com --password 'a long passphrase' --staff\n",
    );
  }
}
