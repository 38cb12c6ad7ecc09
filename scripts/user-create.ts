import "./load-env";
import { parseArgs } from "node:util";
import { closeDatabase, ensureDatabaseReady } from "@/db/client";
import { AppError } from "@/lib/http/errors";
import { createAccount } from "@/lib/users/service";

// npm run user:create -- --email E --password P [--staff] [--first-name N] [--last-name N]
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    staff: { type: "boolean", default: false },
    "first-name": { type: "string", default: "" },
    "last-name": { type: "string", default: "" },
  },
});

if (!values.email || !values.password) {
  console.error("Usage: npm run user:create -- --email E --password P [--staff] [--first-name N] [--last-name N]");
  process.exit(2);
}

await ensureDatabaseReady();
try {
  const user = await createAccount({
    input: { email: values.email, password: values.password, first_name: values["first-name"], last_name: values["last-name"] },
    isStaff: values.staff,
  });
  console.log(`Created ${user.isStaff ? "staff " : ""}user #${user.id} <${user.email}>.`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  const { error: message, ...fields } = error.body;
  console.error(`Not created: ${String(message)}`, JSON.stringify(fields));
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
