import type { MatchingInput } from "./types";

/**
 * Converts a parsed instance of shared/bench/matching/README.md into a MatchingInput. Guarantees:
 * throws an Error naming the first problem on an ill-shaped instance (same checks as score.py);
 * history entry i gets round i (file order is chronological); unknown top-level keys are ignored.
 */
export function instanceToInput(instance: unknown, seed: number): MatchingInput {
  if (!isObject(instance)) throw new Error("instance: top level must be an object");
  const users = instance["users"];
  if (!Array.isArray(users)) throw new Error("instance: 'users' must be an array");
  const seen = new Set<number>();
  const participants = users.map((row: unknown, index) => {
    if (!isObject(row) || !isId(row["id"])) throw new Error(`instance: users[${index}] needs an integer 'id'`);
    const id = row["id"];
    if (seen.has(id)) throw new Error(`instance: duplicate user id ${id}`);
    seen.add(id);
    const hobbies = row["hobbies"] ?? [];
    if (!Array.isArray(hobbies) || !hobbies.every(isId)) {
      throw new Error(`instance: user ${id}: 'hobbies' must be an array of integer tag ids`);
    }
    return { id, hobbies: hobbies as number[] };
  });
  const rawHistory = instance["history"] ?? [];
  if (!Array.isArray(rawHistory)) throw new Error("instance: 'history' must be an array");
  const history = rawHistory.map((pair: unknown, round) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !isId(pair[0]) || !isId(pair[1])) {
      throw new Error(`instance: history[${round}] must be [id, id]`);
    }
    return { a: pair[0], b: pair[1], round };
  });
  return { participants, history, seed };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}
