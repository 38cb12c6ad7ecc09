import { z } from "zod";
import { AppError } from "@/lib/errors";
import { russianMessage } from "./messages";

export { russianMessage };

// Field errors: DRF's English messages per field (older clients match on them) with one Russian
// sentence for people (messages.ts). The route handlers, the domain and the server actions share them.

/** A bad-request error with DRF's `{field: [messages]}`; its sentence is the first message, in Russian. */
export function fieldErrors(fields: Record<string, string[]>): AppError {
  const [field, messages] = Object.entries(fields)[0] ?? ["non_field_errors", ["Invalid data."]];
  return new AppError("bad_request", russianMessage(field, messages[0] ?? ""), { fields });
}

/** Validates data with a zod schema whose messages are DRF's; throws a bad-request AppError with field errors. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, data: unknown): z.output<Schema> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // Field names come from the input: a null prototype keeps `constructor` or `__proto__` plain keys.
  const fields: Record<string, string[]> = Object.create(null);
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "non_field_errors";
    const messages = (fields[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  throw fieldErrors(fields);
}
