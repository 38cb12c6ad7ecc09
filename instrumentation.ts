/** Runs once when the server starts: the embedded database is migrated and seeded before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDatabaseReady } = await import("@/db/client");
  await ensureDatabaseReady();
}
