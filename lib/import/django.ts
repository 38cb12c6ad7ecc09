import { eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { hobbies, userHobbies, users } from "@/db/schema";
import { createAccount } from "@/lib/users/accounts";
import { importPairs, type PairStats } from "./django-pairs";
import { readDjangoSource, type SourceData, type SourceUser } from "./django-source";

// Imports the Django deployment into this database, in one transaction, idempotently:
// - users are matched by email (case-insensitive), or by chat_id when they have no email; a user that
//   already exists here is mapped, never overwritten. New users KEEP THEIR DJANGO ID when it is free,
//   so links the old server mailed (uid = base64 of the id) stay valid with DJANGO_SECRET_KEY; Django
//   `pbkdf2_sha256$…` hashes are kept as they are (login verifies them and upgrades to argon2id),
//   any other or unusable hash ("!…") becomes "no password" (the user can reset it by mail).
// - hobbies are matched by name (case-insensitive); a new one keeps its Django id when that id is free
//   here (generation-2 clients send hobby ids), else gets a fresh one.
// - hobby links are copied only for users this run created; pairs become match rounds (see django-pairs).
// Running it again finds everything already mapped and changes nothing.

export interface ImportReport {
  users: { created: number; keptId: number; newId: number; existing: number; withoutPassword: number };
  hobbies: { created: number; keptId: number; matched: number };
  userHobbies: number;
  pairs: PairStats;
  warnings: string[];
  missing: string[];
}

const DJANGO_PBKDF2 = /^pbkdf2_sha256\$\d+\$[^$]+\$[A-Za-z0-9+/]+=*$/;
const CHAT_ID = /^-?[0-9]{1,20}$/;

async function idIsFree(tx: Transaction, table: typeof users | typeof hobbies, id: number): Promise<boolean> {
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) return false;
  const [row] = await tx.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1);
  return !row;
}

async function findExistingUser(tx: Transaction, source: SourceUser, chatId: string | null): Promise<number | null> {
  const [byEmail] = source.email
    ? await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${source.email})`)
    : [];
  if (byEmail) return byEmail.id;
  if (source.email || !chatId) return null;
  const [byChat] = await tx.select({ id: users.id }).from(users).where(eq(users.chatId, chatId));
  return byChat?.id ?? null;
}

async function importUsers(
  tx: Transaction,
  data: SourceData,
  report: ImportReport,
): Promise<{ map: Map<number, number>; created: Set<number> }> {
  const map = new Map<number, number>();
  const created = new Set<number>();
  for (const source of data.users) {
    const chatId = source.chatId && CHAT_ID.test(source.chatId) ? source.chatId : null;
    if (source.chatId && !chatId) report.warnings.push(`user ${source.id}: chat_id "${source.chatId}" is not numeric, not copied`);
    if (source.email && (source.email.length > 254 || !source.email.includes("@"))) {
      report.warnings.push(`user ${source.id}: email is not valid, skipped`);
      continue;
    }
    const existing = await findExistingUser(tx, source, chatId);
    if (existing !== null) {
      map.set(source.id, existing);
      report.users.existing += 1;
      continue;
    }
    if (!source.email && !chatId) {
      report.warnings.push(`user ${source.id}: neither email nor chat_id, skipped`);
      continue;
    }
    const chatTaken = chatId ? (await tx.select({ id: users.id }).from(users).where(eq(users.chatId, chatId))).length > 0 : false;
    if (chatTaken) report.warnings.push(`user ${source.id}: chat_id already linked to another account here, not copied`);
    const passwordHash = DJANGO_PBKDF2.test(source.password) ? source.password : null;
    if (!passwordHash) report.users.withoutPassword += 1;
    const keepId = await idIsFree(tx, users, source.id);
    const age = source.age !== null && Number.isInteger(source.age) && source.age >= 0 && source.age <= 150 ? source.age : null;
    const row = await createAccount({
      account: {
        ...(keepId ? { id: source.id } : {}),
        email: source.email,
        passwordHash,
        firstName: source.firstName.slice(0, 150),
        lastName: source.lastName.slice(0, 150),
        birth: source.birth,
        declaredAge: source.birth ? null : age,
        tgLink: source.tgLink?.slice(0, 255) ?? null,
        chatId: chatTaken ? null : chatId,
        image: source.image?.slice(0, 500) ?? null,
        isActive: source.isActive,
        isStaff: source.isStaff,
        isActivePair: source.isActivePair,
        lastLogin: source.lastLogin,
        ...(source.dateJoined ? { createdAt: source.dateJoined } : {}),
      },
      executor: tx,
    });
    if (!row) {
      report.warnings.push(`user ${source.id}: an account with this email or chat_id appeared during the import, skipped`);
      continue;
    }
    map.set(source.id, row.id);
    created.add(row.id);
    report.users.created += 1;
    if (keepId) report.users.keptId += 1;
    else report.users.newId += 1;
  }
  return { map, created };
}

async function importHobbies(tx: Transaction, data: SourceData, report: ImportReport): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const source of data.hobbies) {
    const name = source.name.slice(0, 100);
    const [existing] = await tx
      .select({ id: hobbies.id })
      .from(hobbies)
      .where(sql`lower(${hobbies.name}) = lower(${name})`);
    if (existing) {
      map.set(source.id, existing.id);
      report.hobbies.matched += 1;
      continue;
    }
    const keepId = await idIsFree(tx, hobbies, source.id);
    const [row] = await tx
      .insert(hobbies)
      .values({ ...(keepId ? { id: source.id } : {}), name })
      .returning({ id: hobbies.id });
    map.set(source.id, row!.id);
    report.hobbies.created += 1;
    if (keepId) report.hobbies.keptId += 1;
  }
  return map;
}

async function importUserHobbies(
  tx: Transaction,
  data: SourceData,
  userMap: Map<number, number>,
  created: Set<number>,
  hobbyMap: Map<number, number>,
): Promise<number> {
  const rows = data.userHobbies
    .map((link) => ({ userId: userMap.get(link.userId), hobbyId: hobbyMap.get(link.hobbyId) }))
    .filter(
      (link): link is { userId: number; hobbyId: number } =>
        link.userId !== undefined && link.hobbyId !== undefined && created.has(link.userId),
    );
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(userHobbies).values(rows).onConflictDoNothing().returning({ userId: userHobbies.userId });
  return inserted.length;
}

/** Moves the serial sequences past ids inserted explicitly (kept Django ids). */
async function resyncSequences(tx: Transaction): Promise<void> {
  for (const table of ["users", "hobbies"]) {
    await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`));
  }
}

/** Imports users, hobbies, hobby links and pair history from the Django database at `sourceUrl` (see above). */
export async function importFromDjango({ sourceUrl }: { sourceUrl: string }): Promise<ImportReport> {
  const data = await readDjangoSource(sourceUrl);
  const report: ImportReport = {
    users: { created: 0, keptId: 0, newId: 0, existing: 0, withoutPassword: 0 },
    hobbies: { created: 0, keptId: 0, matched: 0 },
    userHobbies: 0,
    pairs: { roundsCreated: 0, created: 0, existing: 0, skipped: 0, current: 0 },
    warnings: [],
    missing: data.missing,
  };
  await db.transaction(async (tx) => {
    const { map: userMap, created } = await importUsers(tx, data, report);
    const hobbyMap = await importHobbies(tx, data, report);
    report.userHobbies = await importUserHobbies(tx, data, userMap, created, hobbyMap);
    await resyncSequences(tx);
    report.pairs = await importPairs(tx, data.pairs, userMap, report.warnings);
  });
  return report;
}
