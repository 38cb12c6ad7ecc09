import { requireUser } from "@/lib/http/auth";
import { json } from "@/lib/http/route";
import { currentIcebreaker } from "@/lib/matching/icebreakers";
import { listPairsForUser } from "@/lib/matching/queries";
import { countdownToNextRound } from "@/lib/matching/schedule";

/** Generation 2: one flat list, newest first, the current round's entries included. */
export async function pairsList(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const { current, earlier } = await listPairsForUser({ userId: user.id });
  return json(200, [...current, ...earlier]);
}

/** Generation 3: the current pair apart from the earlier ones. */
export async function pairsSplit(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const { current, earlier } = await listPairsForUser({ userId: user.id });
  return json(200, { current_pair: current[0] ?? null, pairs: earlier });
}

/** The conversation starter of the caller's group in the latest round; null when they are not in it. */
export async function icebreakerOfCurrentGroup(request: Request): Promise<Response> {
  const user = await requireUser(request);
  return json(200, { icebreaker: await currentIcebreaker({ userId: user.id }) });
}

export async function daysToMatch(): Promise<Response> {
  return json(200, countdownToNextRound());
}
