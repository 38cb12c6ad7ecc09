import { z } from "zod";
import { birthDate, boolean, email, hobbyIds, integer, REQUIRED, text } from "@/lib/validation/fields";

const PASSWORD_MAX = 256;

export const passwordField = z
  .string({ error: (issue) => (issue.input === undefined ? REQUIRED : issue.input === null ? "This field may not be null." : "Not a valid string.") })
  .max(PASSWORD_MAX, { error: `Ensure this field has no more than ${PASSWORD_MAX} characters.` })
  .refine((value) => value !== "", { error: "This field may not be blank." });

// "" from a form means "not given" for the optional fields.
const blankAsNull = (value: unknown) => (value === "" ? null : value);

/** Sign-up payload (`/users/api/register/`, `/api/register/`, later `/auth/register`). */
export const registerSchema = z.object({
  email,
  password: passwordField,
  first_name: text(150).optional().default(""),
  last_name: text(150).optional().default(""),
  birth: z.preprocess(blankAsNull, birthDate.nullable().optional()),
  age: z.preprocess(blankAsNull, integer(0, 150).nullable().optional()),
  hobby: hobbyIds.optional().default([]),
  tg_link: z.preprocess(blankAsNull, text(255).nullable().optional()),
});
export type RegisterInput = z.output<typeof registerSchema>;

/** Profile update payload: any subset of the editable fields. */
export const updateProfileSchema = z.object({
  first_name: text(150).optional(),
  last_name: text(150).optional(),
  birth: z.preprocess(blankAsNull, birthDate.nullable().optional()),
  hobby: hobbyIds.optional(),
  tg_link: z.preprocess(blankAsNull, text(255).nullable().optional()),
  is_active_pair: boolean.optional(),
});
export type UpdateProfileInput = z.output<typeof updateProfileSchema>;

/** `PATCH …/hobby/`: the complete new hobby set. */
export const hobbySetSchema = z.object({ hobby: hobbyIds });
