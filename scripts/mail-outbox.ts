import "./load-env";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { closeDatabase, ensureDatabaseReady } from "@/db/client";
import { listRecentMail, mailAsText } from "@/lib/mail/outbox";

const USAGE = "Usage: npm run mail:outbox [-- [--limit N] [--to address]]";

/**
 * `npm run mail:outbox [-- --limit N --to address]`: prints the latest outbox mails (10 by default),
 * newest first, each with its state and, while it is still stored (until sent), its whole text body
 * with the link. Returns the exit status.
 */
export async function mailOutboxCommand(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  let limit = 10;
  let to: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { limit: { type: "string" }, to: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    if (values.limit !== undefined) limit = /^\d+$/.test(values.limit) ? Number(values.limit) : NaN;
    to = values.to?.trim() || undefined;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    console.error(`--limit must be a whole number from 1 to 1000.\n${USAGE}`);
    return 2;
  }

  await ensureDatabaseReady();
  const mails = await listRecentMail({ limit, to });
  if (mails.length === 0) {
    print(to ? `No mail to ${to} in the outbox.` : "The outbox is empty.");
    return 0;
  }
  print(`Outbox mails${to ? ` to ${to}` : ""}, newest first (${mails.length}):\n`);
  print(mails.map(mailAsText).join("\n\n"));
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    process.exitCode = await mailOutboxCommand(process.argv.slice(2));
  } finally {
    await closeDatabase();
  }
}
