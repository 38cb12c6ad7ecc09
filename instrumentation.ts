/**
 * Runs once when the server starts: validates the environment (failing by variable name),
 * migrates and seeds the embedded database before the first request, and starts the background work.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("@/lib/env");
  const { ensureDatabaseReady } = await import("@/db/client");
  await ensureDatabaseReady();
  // Without Inngest, this process runs the weekly round on schedule and picks up outbox mail left
  // pending by a restart; with Inngest, its cron and sweep functions do.
  const { inngestConfigured } = await import("@/inngest/client");
  if (!inngestConfigured()) {
    const { startMailSweeper } = await import("@/lib/mail/dispatch");
    const { startRoundScheduler } = await import("@/lib/jobs/round-scheduler");
    startMailSweeper();
    startRoundScheduler();
  }
}
