import "./load-env";
import { parseArgs } from "node:util";
import { closeDatabase, ensureDatabaseReady } from "@/db/client";
import { AppError } from "@/lib/errors";
import { createOperatorAccount } from "@/lib/users/service";

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
  const user = await createOperatorAccount({
    input: { email: values.email, password: values.password, first_name: values["first-name"], last_name: values["last-name"] },
    isStaff: values.staff,
  });
  console.log(`Created ${user.isStaff ? "staff " : ""}user #${user.id} <${user.email}>.`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`Not created: ${error.message}`, JSON.stringify(error.details.fields ?? {}));
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
