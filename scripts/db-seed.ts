import "./load-env";
import { closeDatabase, db, ensureDatabaseReady } from "@/db/client";
import { seedHobbies } from "@/db/seed";

// Seeds the default hobby list; safe to run any number of times.
await ensureDatabaseReady();
const inserted = await seedHobbies(db);
console.log(inserted === 0 ? "Hobbies already seeded; nothing to do." : `Seeded ${inserted} hobbies.`);
await closeDatabase();
