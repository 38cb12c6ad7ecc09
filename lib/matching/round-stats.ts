import { and, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { matchGroupMembers, matchGroups, matchPairHobbies, matchPairs, matchRounds } from "@/db/schema";

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
  const common = sql<number>`(select count(*) from ${matchPairHobbies} where ${matchPairHobbies.pairId} = ${matchPairs.id})`;
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

  const pairCount = Number(pairs?.pairs ?? 0);
  return {
    round_id: roundId,
    slot: info.slot.toISOString(),
    created,
    participants: Number(groups?.participants ?? 0),
    groups: Number(groups?.groups ?? 0),
    trios: Number(groups?.trios ?? 0),
    pct_with_common: pairCount ? round((100 * Number(pairs!.withCommon)) / pairCount, 3) : 0,
    mean_common_hobbies: pairCount ? round(Number(pairs!.totalCommon) / pairCount, 4) : 0,
    repeats: Number(pairs?.repeats ?? 0),
  };
}
