import { requireStaff } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { json } from "@/lib/http/route";
import { publishRoundCreated } from "@/lib/background/rounds";
import { runRound } from "@/lib/matching/round";

/** Staff: runs this slot's round (or finds the one that already ran) and starts its announcements. */
export async function createPairs(request: Request): Promise<Response> {
  await requireStaff(request);
  // No fields are read, but a body must still be well-formed JSON under the size limit, as everywhere.
  await readBody(request);
  const statistics = await runRound({ at: new Date() });
  await publishRoundCreated(statistics.round_id);
  const { round_id, groups, trios, pct_with_common, repeats } = statistics;
  return json(201, { round_id, groups, trios, pct_with_common, repeats });
}
