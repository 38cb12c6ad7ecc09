import { z } from "zod";
import { email, passwordField, text } from "@/lib/validation/fields";

// Payloads of djoser's email flows (API.md §5). Pure zod: the browser forms use the same schemas.

export const PASSWORD_MISMATCH = "The two password fields didn't match.";

const uid = text(64, { blank: false });
const token = text(128, { blank: false });

/** `POST …/users/`: sign-up that waits for the mailed activation link. */
export const djoserCreateSchema = z
  .object({ email, password: passwordField, re_password: passwordField })
  .refine((input) => input.password === input.re_password, { error: PASSWORD_MISMATCH });
export type DjoserCreateInput = z.output<typeof djoserCreateSchema>;

/** `POST …/users/activation/`. */
export const activationSchema = z.object({ uid, token });

/** `POST …/users/resend_activation/` and `…/users/reset_password/`. */
export const emailSchema = z.object({ email });

/** `POST …/users/reset_password_confirm/`; `re_new_password` is checked when given. */
export const resetConfirmSchema = z
  .object({ uid, token, new_password: passwordField, re_new_password: passwordField.optional() })
  .refine((input) => input.re_new_password === undefined || input.new_password === input.re_new_password, { error: PASSWORD_MISMATCH });
export type ResetConfirmInput = z.output<typeof resetConfirmSchema>;

/** `POST …/users/set_password/`. */
export const setPasswordSchema = z
  .object({ current_password: passwordField, new_password: passwordField, re_new_password: passwordField.optional() })
  .refine((input) => input.re_new_password === undefined || input.new_password === input.re_new_password, { error: PASSWORD_MISMATCH });

/** `DELETE …/users/me/`. */
export const deleteMeSchema = z.object({ current_password: passwordField });
