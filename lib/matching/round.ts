import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { matchRounds } from "@/db/schema";
import { log } from "@/lib/log";
import { solveMatching } from "./engine";
import { loadRoundInput, seedForSlot } from "./round-input";
import { roundStatistics, statisticsOfSolvedRound, type RoundStatistics } from "./round-stats";
import { currentSlot } from "./schedule";
import { writeAnnouncements, writeRound } from "./service";

export type { RoundStatistics } from "./round-stats";

/** Told how long each phase of a round took (load, solve, write, statistics), for the benchmark. */
export type PhaseTimer = (phase: string, milliseconds: number) => void;

function phaseTimer(onPhase: PhaseTimer | undefined) {
  return async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    onPhase?.(phase, performance.now() - started);
    return result;
  };
}

// One key for every round: solving two slots at once would let each miss the other's pairs in its history.
const ROUND_LOCK = 0x756d_7231; // "umr1"

/**
 * Runs the matching round of `slot` (default: the slot current at `at`, default now): solves the
 * groups from every active participant and the history of earlier slots, then commits in ONE
 * transaction the round, its groups, pairs and shared hobbies and one pending announcement per
 * matched participant who has linked Telegram. Idempotent per slot: a slot that already has a round
 * returns that round's statistics and writes nothing; concurrent runs (retries, a second worker, an
 * admin click) wait on a transaction-level advisory lock, so only one of them solves.
 * Announcements are not sent here: publish them after this resolves (lib/background/rounds).
 */
export async function runRound({ slot, at, onPhase }: { slot?: Date; at?: Date; onPhase?: PhaseTimer } = {}): Promise<RoundStatistics> {
  const roundSlot = slot ?? currentSlot(at ?? new Date());
  const timed = phaseTimer(onPhase);
  let bodyDone = 0;
  const statistics = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(ROUND_LOCK))})`);
    const [existing] = await tx.select({ id: matchRounds.id }).from(matchRounds).where(eq(matchRounds.slot, roundSlot));
    if (existing) return roundStatistics(tx, { roundId: existing.id, created: false });

    const { participants, hobbiesByUser, history } = await timed("load", () => loadRoundInput(tx, { slot: roundSlot }));
    const seed = seedForSlot(roundSlot);
    const { groups } = await timed("solve", async () =>
      solveMatching({ participants: participants.map(({ id, hobbies }) => ({ id, hobbies })), history, seed }),
    );
    const { roundId, created } = await timed("write", async () => {
      const saved = await writeRound(tx, { slot: roundSlot, groups, seed, hobbiesByUser });
      const matched = new Set(groups.flat());
      const announced = participants.filter((participant) => matched.has(participant.id) && participant.chatId !== null);
      await writeAnnouncements(tx, saved.roundId, announced);
      return saved;
    });
    // `created` is false only if the slot's round appeared despite the lock; then read it back.
    if (!created) return roundStatistics(tx, { roundId, created });
    const solved = await timed("statistics", async () =>
      statisticsOfSolvedRound({ roundId, slot: roundSlot, groups, hobbiesByUser, history }),
    );
    bodyDone = performance.now();
    return solved;
  });
  if (bodyDone) onPhase?.("commit", performance.now() - bodyDone);
  if (statistics.created) log.info("matching round created", { ...statistics });
  return statistics;
}
