import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { russianMessage } from "@/lib/validation/errors";

/**
 * A react-hook-form resolver for the same zod schema the route handler parses with (no
 * @hookform/resolvers dependency): DRF's English messages are shown in Russian, and a form-level
 * problem (e.g. passwords that differ) lands in `errors.root`.
 */
export function schemaResolver<Values extends FieldValues>(schema: z.ZodType<unknown, Values>): Resolver<Values> {
  return async (values) => {
    const result = schema.safeParse(values);
    if (result.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : "root";
      errors[field] ??= { type: issue.code, message: russianMessage(field === "root" ? "non_field_errors" : field, issue.message) };
    }
    return { values: {}, errors: errors as FieldErrors<Values> };
  };
}
