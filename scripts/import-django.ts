import "./load-env";
import { parseArgs } from "node:util";
import { closeDatabase, ensureDatabaseReady } from "@/db/client";
import { importFromDjango } from "@/lib/import/django";

// npm run import:django -- --from postgres://user:pass@host:5432/django_db
const { values } = parseArgs({ options: { from: { type: "string" } } });

if (!values.from) {
  console.error("Usage: npm run import:django -- --from <postgres URL of the Django database>");
  process.exit(2);
}

await ensureDatabaseReady();
try {
  const report = await importFromDjango({ sourceUrl: values.from });
  const { users, hobbies, pairs } = report;
  console.log(
    [
      `Users: ${users.created} created (${users.keptId} kept their Django id, ${users.newId} got a new one), ${users.existing} already here` +
        (users.withoutPassword ? `, ${users.withoutPassword} without a usable password (reset by mail)` : ""),
      `Hobbies: ${hobbies.created} created (${hobbies.keptId} kept their Django id), ${hobbies.matched} matched by name`,
      `Hobby links: ${report.userHobbies} added`,
      `Pairs: ${pairs.created} created (${pairs.current} current) in ${pairs.roundsCreated} new rounds, ${pairs.existing} already here, ${pairs.skipped} skipped`,
      ...(report.missing.length ? [`Not in the source: ${report.missing.join(", ")}`] : []),
      ...report.warnings.map((warning) => `Warning: ${warning}`),
    ].join("\n"),
  );
} catch (error) {
  console.error(`Import failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
