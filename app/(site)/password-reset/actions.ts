"use server";

import { formStateKeeping, type FormState } from "@/lib/forms/form-state";
import { emailSchema } from "@/lib/users/djoser-schema";
import { requestPasswordReset } from "@/lib/users/email-flows";
import { parseWith } from "@/lib/validation/errors";

/** Mails a reset link when the account exists; the answer is the same either way (no account probing). */
export async function requestResetAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const { email } = parseWith(emailSchema, { email: form.get("email") ?? undefined });
    await requestPasswordReset({ email });
  } catch (error) {
    return formStateKeeping(error, form, ["email"]);
  }
  return {
    status: "done",
    message: "Если аккаунт с таким email есть, мы отправили на него письмо со ссылкой. Проверь почту (и папку «Спам»).",
  };
}
