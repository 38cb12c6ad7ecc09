import { and, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { matchGroupMembers, matchGroups, matchPairs, matchRounds } from "@/db/schema";

/** What a round produced, with the quality figures defined as in shared/bench/matching/score.py. */
export interface RoundStatistics {
  round_id: number;
  slot: string;
  /** False when the slot had already been run and this call wrote nothing. */
  created: boolean;
  participants: number;
  groups: number;
  trios: number;
  /** Share of the pairs inside groups (a trio counts its three) that share at least one hobby, 0–100, 3 decimals. */
  pct_with_common: number;
  /** Shared hobbies per pair inside groups, 4 decimals. */
  mean_common_hobbies: number;
  /** Pairs inside groups that had already met in a round of an earlier slot. */
  repeats: number;
}

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

function figures(
  base: Pick<RoundStatistics, "round_id" | "slot" | "created" | "participants" | "groups" | "trios" | "repeats">,
  pairs: { count: number; withCommon: number; totalCommon: number },
): RoundStatistics {
  return {
    ...base,
    pct_with_common: pairs.count ? round((100 * pairs.withCommon) / pairs.count, 3) : 0,
    mean_common_hobbies: pairs.count ? round(pairs.totalCommon / pairs.count, 4) : 0,
  };
}

/**
 * The statistics of a round just solved, from what was solved: the same figures roundStatistics
 * reads back, without asking the database about rows it has not analysed yet (at 100 000 students
 * the planner, believing the new round empty, took minutes over them).
 */
export function statisticsOfSolvedRound({
  roundId,
  slot,
  groups,
  hobbiesByUser,
  history,
}: {
  roundId: number;
  slot: Date;
  groups: number[][];
  hobbiesByUser: Map<number, Set<number>>;
  history: Array<{ a: number; b: number }>;
}): RoundStatistics {
  // This round's pairs by their lower id; history is checked against them with numbers only (string
  // keys for 400 000 meetings took a fifth of a second).
  const partnersByLow = new Map<number, number[]>();
  const pairs = { count: 0, withCommon: 0, totalCommon: 0 };
  for (const group of groups)
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const low = Math.min(group[i]!, group[j]!);
        const high = Math.max(group[i]!, group[j]!);
        const other = hobbiesByUser.get(high);
        let common = 0;
        if (other) for (const hobby of hobbiesByUser.get(low) ?? []) if (other.has(hobby)) common++;
        pairs.count++;
        if (common > 0) pairs.withCommon++;
        pairs.totalCommon += common;
        const partners = partnersByLow.get(low);
        if (partners) partners.push(high);
        else partnersByLow.set(low, [high]);
      }
  const repeated = new Set<string>();
  for (const meeting of history) {
    const low = Math.min(meeting.a, meeting.b);
    const high = Math.max(meeting.a, meeting.b);
    if (partnersByLow.get(low)?.includes(high)) repeated.add(`${low}:${high}`);
  }
  const repeats = repeated.size;
  return figures(
    {
      round_id: roundId,
      slot: slot.toISOString(),
      created: true,
      participants: groups.reduce((sum, group) => sum + group.length, 0),
      groups: groups.length,
      trios: groups.filter((group) => group.length === 3).length,
      repeats,
    },
    pairs,
  );
}

/** Reads a saved round's statistics; the stored common hobbies are the ones the pairs shared when matched. */
export async function roundStatistics(
  executor: Executor,
  { roundId, created }: { roundId: number; created: boolean },
): Promise<RoundStatistics> {
  const [info] = await executor.select({ slot: matchRounds.slot }).from(matchRounds).where(eq(matchRounds.id, roundId));
  if (!info) throw new Error(`round ${roundId} does not exist`);

  const sizes = executor
    .select({ groupId: matchGroupMembers.groupId, size: sql<number>`count(*)::int`.as("size") })
    .from(matchGroupMembers)
    .where(eq(matchGroupMembers.roundId, roundId))
    .groupBy(matchGroupMembers.groupId)
    .as("sizes");
  const [groups] = await executor
    .select({
      groups: sql<number>`count(*)::int`,
      trios: sql<number>`(count(*) filter (where ${sizes.size} = 3))::int`,
      participants: sql<number>`coalesce(sum(${sizes.size}), 0)::int`,
    })
    .from(matchGroups)
    .leftJoin(sizes, eq(sizes.groupId, matchGroups.id))
    .where(eq(matchGroups.roundId, roundId));

  const earlierPair = alias(matchPairs, "earlier_pair");
  const earlierGroup = alias(matchGroups, "earlier_group");
  const earlierRound = alias(matchRounds, "earlier_round");
  const metBefore = executor
    .select({ one: sql`1` })
    .from(earlierPair)
    .innerJoin(earlierGroup, eq(earlierGroup.id, earlierPair.groupId))
    .innerJoin(earlierRound, eq(earlierRound.id, earlierGroup.roundId))
    .where(
      and(
        eq(earlierPair.userLowId, matchPairs.userLowId),
        eq(earlierPair.userHighId, matchPairs.userHighId),
        lt(earlierRound.slot, info.slot),
      ),
    );
  const common = sql<number>`cardinality(${matchPairs.commonHobbyIds})`;
  const [pairs] = await executor
    .select({
      pairs: sql<number>`count(*)::int`,
      withCommon: sql<number>`(count(*) filter (where ${common} > 0))::int`,
      totalCommon: sql<number>`coalesce(sum(${common}), 0)::int`,
      repeats: sql<number>`(count(*) filter (where exists ${metBefore}))::int`,
    })
    .from(matchPairs)
    .innerJoin(matchGroups, eq(matchGroups.id, matchPairs.groupId))
    .where(eq(matchGroups.roundId, roundId));

  return figures(
    {
      round_id: roundId,
      slot: info.slot.toISOString(),
      created,
      participants: Number(groups?.participants ?? 0),
      groups: Number(groups?.groups ?? 0),
      trios: Number(groups?.trios ?? 0),
      repeats: Number(pairs?.repeats ?? 0),
    },
    { count: Number(pairs?.pairs ?? 0), withCommon: Number(pairs?.withCommon ?? 0), totalCommon: Number(pairs?.totalCommon ?? 0) },
  );
}
