import "./load-env";
import { parseArgs } from "node:util";
import { closeDatabase, ensureDatabaseReady } from "@/db/client";
import { createOAuthClient } from "@/lib/auth/oauth/clients";

// npm run oauth:create-client -- --name N
const { values } = parseArgs({ options: { name: { type: "string" } } });
const name = values.name?.trim();

if (!name || name.length > 255 || name.includes("\0")) {
  console.error("Usage: npm run oauth:create-client -- --name N   (a name of 1 to 255 characters)");
  process.exit(2);
}

await ensureDatabaseReady();
try {
  const client = await createOAuthClient({ name });
  // Printed once: only the secret's SHA-256 is stored, so it cannot be shown again.
  console.log(`Created OAuth client #${client.id} "${name}".`);
  console.log(`client_id=${client.clientId}`);
  console.log(`client_secret=${client.clientSecret}`);
  console.log("Store the secret now: it cannot be shown again.");
} finally {
  await closeDatabase();
}
