import { z } from "zod";
import { birthDate, boolean, email, hobbyIds, integer, optionalText, passwordField, text } from "@/lib/validation/fields";

/** Sign-up payload (`/users/api/register/`, `/api/register/`, later `/auth/register`). */
export const registerSchema = z.object({
  email,
  password: passwordField,
  first_name: text(150).optional().default(""),
  last_name: text(150).optional().default(""),
  birth: birthDate.nullable().optional(),
  age: integer(0, 150).nullable().optional(),
  hobby: hobbyIds.optional().default([]),
  tg_link: optionalText(255),
});
export type RegisterInput = z.output<typeof registerSchema>;

/** Profile update payload: any subset of the editable fields. */
export const updateProfileSchema = z.object({
  first_name: text(150).optional(),
  last_name: text(150).optional(),
  birth: birthDate.nullable().optional(),
  hobby: hobbyIds.optional(),
  tg_link: optionalText(255),
  is_active_pair: boolean.optional(),
});
export type UpdateProfileInput = z.output<typeof updateProfileSchema>;

/** `PATCH …/hobby/`: the complete new hobby set. */
export const hobbySetSchema = z.object({ hobby: hobbyIds });
