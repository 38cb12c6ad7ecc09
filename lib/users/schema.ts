import { z } from "zod";
import { birthDate, boolean, email, hobbyIds, integer, passwordText, text } from "@/lib/validation/fields";

const PASSWORD_MAX = 256;

// A NUL byte or a lone surrogate is refused rather than hashed: a lone surrogate would be encoded as
// U+FFFD, so different passwords would share a hash.
export const passwordField = passwordText(PASSWORD_MAX);

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
