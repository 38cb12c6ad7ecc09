import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldError, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { russianMessage } from "@/lib/validation/messages";

/** Loads the payload's zod schema: a dynamic import, so zod is not part of a form page's first script. */
export type SchemaLoader<Values extends FieldValues> = () => Promise<z.ZodType<unknown, Values>>;

/**
 * react-hook-form's zod resolver (@hookform/resolvers) for the same schema the server action or route
 * handler parses with, with DRF's English messages (which older API clients match on) shown in
 * Russian. A problem with the payload as a whole (e.g. passwords that differ) is reported on `root`.
 * The schema (and zod with it) loads on the first check, not with the page: the form posts to its
 * server action, which checks the same schema, whether or not this ran.
 */
export function schemaResolver<Values extends FieldValues>(loadSchema: SchemaLoader<Values>): Resolver<Values> {
  let resolver: Promise<Resolver<Values>> | null = null;
  return async (values, context, options) => {
    resolver ??= loadSchema().then((schema) => zodResolver(schema as never) as unknown as Resolver<Values>);
    const result = await (await resolver)(values, context, options);
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
