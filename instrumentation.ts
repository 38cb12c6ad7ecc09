/**
 * Runs once when the server starts: validates the environment (failing by variable name) and
 * migrates and seeds the embedded database before the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("@/lib/env");
  const { ensureDatabaseReady } = await import("@/db/client");
  await ensureDatabaseReady();
  // Without Inngest, outbox mail left pending by a restart is picked up in-process.
  const { inngestConfigured } = await import("@/inngest/client");
  if (!inngestConfigured()) {
    const { startMailSweeper } = await import("@/lib/mail/dispatch");
    startMailSweeper();
  }
}
