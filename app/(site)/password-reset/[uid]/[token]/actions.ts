"use server";

import { headers } from "next/headers";
import { DONE, formStateFromError, type FormState } from "@/lib/forms/form-state";
import { clientIpFromHeaders } from "@/lib/http/request";
import { resetConfirmSchema } from "@/lib/users/djoser-schema";
import { confirmPasswordReset } from "@/lib/users/email-flows";
import { parseWith } from "@/lib/validation/errors";

/** Sets the new password of a mailed reset link (the same schema and domain function as the API route). */
export async function resetPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const input = parseWith(
      resetConfirmSchema,
      Object.fromEntries(["uid", "token", "new_password", "re_new_password"].map((name) => [name, form.get(name) ?? undefined])),
    );
    await confirmPasswordReset({ input, ip: clientIpFromHeaders(await headers()) });
    return DONE;
  } catch (error) {
    return formStateFromError(error);
  }
}
