import "./load-env";
import { closeDatabase, databaseKind, migrateAndSeed } from "@/db/client";

// Applies the committed migrations (and the default hobbies) to DATABASE_URL, or to the embedded database.
await migrateAndSeed();
console.log(`Migrations applied to the ${databaseKind === "postgres" ? "PostgreSQL" : "embedded PGlite"} database.`);
await closeDatabase();
