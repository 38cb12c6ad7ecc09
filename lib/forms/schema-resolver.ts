import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldError, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { russianMessage } from "@/lib/validation/errors";

/**
 * react-hook-form's zod resolver for the same schema the route handler or server action parses with,
 * with DRF's English messages (which older API clients match on) shown in Russian. A problem with the
 * payload as a whole (e.g. passwords that differ) is reported on `root`.
 */
export function schemaResolver<Values extends FieldValues>(schema: z.ZodType<unknown, Values>): Resolver<Values> {
  const resolve = zodResolver(schema as never) as unknown as Resolver<Values>;
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    if (Object.keys(result.errors).length === 0) return result;
    const translated: Record<string, FieldError> = {};
    for (const [field, error] of Object.entries(result.errors as Record<string, FieldError | undefined>)) {
      if (!error) continue;
      const name = field === "" || field === "root" ? "root" : field;
      const message = russianMessage(name === "root" ? "non_field_errors" : field, String(error.message ?? ""));
      translated[name] = { ...error, message };
    }
    return { values: {}, errors: translated as FieldErrors<Values> };
  };
}
