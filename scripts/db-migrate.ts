import "./load-env";
import { closeDatabase, databaseKind, embeddedDatabaseServedBy, migrateAndSeed } from "@/db/client";

// Applies the committed migrations (and the default hobbies) to DATABASE_URL, or to the embedded database.
await migrateAndSeed();
const target =
  embeddedDatabaseServedBy() !== null
    ? `embedded PGlite database (through process ${embeddedDatabaseServedBy()}, which holds it)`
    : databaseKind() === "postgres"
      ? "PostgreSQL database"
      : "embedded PGlite database";
console.log(`Migrations applied to the ${target}.`);
await closeDatabase();
