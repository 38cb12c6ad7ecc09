// For the weekly-round suites. Import it FIRST and dynamically (`await import("./support/round-app")`):
// it starts the fake Bot API and points the app at it, switches Inngest off (deliveries in-process),
// and only then loads the harness, so every app module reads this configuration.
import { after } from "node:test";
import type { PgTable } from "drizzle-orm/pg-core";
import { startFakeTelegram } from "./fake-telegram";

export const telegram = await startFakeTelegram();
Object.assign(process.env, { TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_BOT_TOKEN: "123456:TEST-round-token" });
for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) delete process.env[name];
after(() => telegram.close());

const { startApp } = await import("./app");
export const { baseUrl } = await startApp();

const { db } = await import("@/db/client");
const schema = await import("@/db/schema");
const { eq, sql } = await import("drizzle-orm");

/** Links a user's Telegram chat as the Telegram branch's `/start` or tg-auth would. */
export async function linkTelegram(userId: number, chatId: string): Promise<void> {
  await db.update(schema.users).set({ chatId }).where(eq(schema.users.id, userId));
}

/** Row counts of everything a round writes, to show a re-run wrote nothing. */
export async function roundRowCounts(): Promise<{
  rounds: number;
  groups: number;
  members: number;
  pairs: number;
  /** Shared hobbies over all pairs. */
  pairHobbies: number;
  notifications: number;
}> {
  const count = async (table: PgTable) => Number((await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);
  return {
    rounds: await count(schema.matchRounds),
    groups: await count(schema.matchGroups),
    members: await count(schema.matchGroupMembers),
    pairs: await count(schema.matchPairs),
    pairHobbies: Number(
      (
        await db.select({ n: sql<number>`coalesce(sum(cardinality(${schema.matchPairs.commonHobbyIds})), 0)::int` }).from(schema.matchPairs)
      )[0]!.n,
    ),
    notifications: await count(schema.matchNotifications),
  };
}

/** The groups of a round as sorted lists of user ids, sorted. */
export async function groupsOfRound(roundId: number): Promise<number[][]> {
  const rows = await db
    .select({ groupId: schema.matchGroupMembers.groupId, userId: schema.matchGroupMembers.userId })
    .from(schema.matchGroupMembers)
    .where(eq(schema.matchGroupMembers.roundId, roundId));
  const byGroup = new Map<number, number[]>();
  for (const row of rows) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row.userId]);
  return [...byGroup.values()].map((group) => group.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

/** Every unordered pair inside the round's groups, as "low-high". */
export function pairKeys(groups: number[][]): string[] {
  return groups.flatMap((group) => group.flatMap((a, i) => group.slice(i + 1).map((b) => `${Math.min(a, b)}-${Math.max(a, b)}`)));
}

/** The round's announcement rows, by id. */
export async function notificationsOfRound(roundId: number) {
  return db
    .select()
    .from(schema.matchNotifications)
    .where(eq(schema.matchNotifications.roundId, roundId))
    .orderBy(schema.matchNotifications.id);
}
