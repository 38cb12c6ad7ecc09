import { z } from "zod";

// Field builders whose messages are DRF's exact wording: older clients match on them.
// Pure zod, so the browser forms use the same schemas as the route handlers.

export const REQUIRED = "This field is required.";
const NOT_NULL = "This field may not be null.";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return Array.isArray(value) ? "list" : "dict";
}

/** A string of at most `max` characters. */
function boundedString(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? REQUIRED : issue.input === null ? NOT_NULL : "Not a valid string.") })
    .max(max, { error: `Ensure this field has no more than ${max} characters.` });
}

/** Refuses NUL bytes and lone surrogates, as DRF's CharField does (Postgres can store neither). */
export function withoutUnstorableCharacters<Schema extends z.ZodType<string>>(schema: Schema) {
  return schema
    .refine((value) => !value.includes("\0"), { error: "Null characters are not allowed." })
    .refine((value) => !LONE_SURROGATE.test(value), { error: "Surrogate characters are not allowed." });
}

/** A string of at most `max` characters with no NUL bytes or lone surrogates. */
export function text(max: number, options: { blank?: boolean } = {}) {
  const allowBlank = options.blank ?? true;
  return withoutUnstorableCharacters(boundedString(max)).refine((value) => allowBlank || value.trim() !== "", {
    error: "This field may not be blank.",
  });
}

/**
 * A password: any string up to 256 characters, not empty, whitespace kept as typed. A NUL byte or a
 * lone surrogate is refused rather than hashed: a lone surrogate would be encoded as U+FFFD, so
 * different passwords would share a hash.
 */
export const passwordField = withoutUnstorableCharacters(boundedString(256)).refine((value) => value !== "", {
  error: "This field may not be blank.",
});

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email as Django validates it loosely; the domain part is lower-cased as Django's normalize_email does. */
export const email = text(254, { blank: false })
  .transform((value) => value.trim())
  .refine((value) => EMAIL_PATTERN.test(value), { error: "Enter a valid email address." })
  .transform((value) => {
    const at = value.lastIndexOf("@");
    return value.slice(0, at) + value.slice(at).toLowerCase();
  });

const DATE_FORMATS = "Date has wrong format. Use one of these formats instead: DD-MM-YYYY, YYYY-MM-DD.";

/** Parses `DD-MM-YYYY` or `YYYY-MM-DD` into an ISO date string, or null when it is not a real date. */
export function parseDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) ?? /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = value[4] === "-" ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]];
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? null : iso;
}

/**
 * A birth date in either accepted format, returned as `YYYY-MM-DD`; not in the future, not before 1900.
 * An empty string (a cleared form field) means no date.
 */
export const birthDate = z
  .string({ error: (issue) => (issue.input === undefined ? REQUIRED : DATE_FORMATS) })
  .max(10, { error: DATE_FORMATS })
  .transform((value, ctx) => {
    if (value.trim() === "") return null;
    const iso = parseDate(value.trim());
    if (!iso) {
      ctx.addIssue({ code: "custom", message: DATE_FORMATS });
      return z.NEVER;
    }
    if (iso < "1900-01-01" || iso > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: "custom", message: "Date of birth must be a real date in the past." });
      return z.NEVER;
    }
    return iso;
  });

/** Optional free text where an empty string (a cleared form field) is stored as null. */
export function optionalText(max: number) {
  return text(max)
    .transform((value) => (value.trim() === "" ? null : value))
    .nullable()
    .optional();
}

export function integer(min: number, max: number) {
  return z
    .int({ error: (issue) => (issue.input === undefined ? REQUIRED : issue.input === null ? NOT_NULL : "A valid integer is required.") })
    .min(min, { error: `Ensure this value is greater than or equal to ${min}.` })
    .max(max, { error: `Ensure this value is less than or equal to ${max}.` });
}

export const boolean = z.boolean({ error: (issue) => (issue.input === undefined ? REQUIRED : "Must be a valid boolean.") });

/** A list of hobby ids (DRF PrimaryKeyRelatedField many=True); duplicates are dropped. */
export const hobbyIds = z
  .array(
    z
      .int({ error: (issue) => `Incorrect type. Expected pk value, received ${pythonType(issue.input)}.` })
      .min(1, {
        error: (issue) => `Invalid pk "${String(issue.input)}" - object does not exist.`,
      })
      .max(2_147_483_647, { error: (issue) => `Invalid pk "${String(issue.input)}" - object does not exist.` }),
    {
      error: (issue) => (issue.input === undefined ? REQUIRED : `Expected a list of items but got type "${pythonType(issue.input)}".`),
    },
  )
  .max(200, { error: "Ensure this field has no more than 200 elements." })
  .transform((ids) => [...new Set(ids)]);

export const TELEGRAM_USERNAME = "Enter a Telegram username: 5-32 letters, digits or underscores.";

/**
 * A Telegram @username as people paste it (`@nick`, `nick`, `t.me/nick`, `https://t.me/nick`), stored
 * as `@nick`; empty means none. Telegram's rule: 5–32 Latin letters, digits and underscores.
 */
export const telegramUsername = text(255)
  .transform((value) =>
    value
      .trim()
      .replace(/^(https?:\/\/)?(www\.)?(t\.me|telegram\.me)\//i, "")
      .replace(/^@/, ""),
  )
  .refine((nick) => nick === "" || /^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(nick), { error: TELEGRAM_USERNAME })
  .transform((nick) => (nick === "" ? null : `@${nick}`))
  .nullable()
  .optional();
