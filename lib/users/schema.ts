import { z } from "zod";
import { birthDate, boolean, email, hobbyIds, integer, optionalText, passwordField, telegramUsername, text } from "@/lib/validation/fields";
import { PASSWORD_MISMATCH } from "./djoser-schema";
import { HOBBIES_MAX, HOBBIES_MIN } from "./limits";

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

export const HOBBY_COUNT = `Choose from ${HOBBIES_MIN} to ${HOBBIES_MAX} hobbies.`;
export const CONSENT_REQUIRED = "Consent is required.";

/** The web app's hobby choice: `POST /api/register/`'s `hobby`, 1–10 of them. */
export const hobbyChoice = hobbyIds.refine((ids) => ids.length >= HOBBIES_MIN && ids.length <= HOBBIES_MAX, { error: HOBBY_COUNT });

const consent = z.literal(true, { error: CONSENT_REQUIRED });

/**
 * The sign-up page's form: `POST /api/register/`'s payload (registerSchema, so the same rules) with
 * what only a person filling in a form gives: 1–10 hobbies, a Telegram @username, the password twice
 * and the three consents.
 */
export const signUpFormSchema = registerSchema
  .omit({ age: true })
  .extend({
    hobby: hobbyChoice,
    tg_link: telegramUsername,
    re_password: passwordField,
    consent_terms: consent,
    consent_data: consent,
    consent_contact: consent,
  })
  .refine((input) => input.password === input.re_password, { error: PASSWORD_MISMATCH, path: ["re_password"] });
export type SignUpFormInput = z.output<typeof signUpFormSchema>;

/** The settings page's profile form: names, birth date, Telegram @username. */
export const profileFormSchema = z.object({
  first_name: text(150),
  last_name: text(150),
  birth: birthDate.nullable(),
  tg_link: telegramUsername,
});

/** The hobbies page's form. */
export const hobbyFormSchema = z.object({ hobby: hobbyChoice });
