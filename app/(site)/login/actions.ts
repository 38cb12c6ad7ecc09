"use server";

import { redirect } from "next/navigation";
import { tokenObtainSchema } from "@/lib/auth/schema";
import { formError, formStateKeeping, typedValues, type FormState } from "@/lib/forms/form-state";
import { safeNextPath, signIn, SignInRefused } from "@/lib/session";
import { parseWith } from "@/lib/validation/errors";

/** Email and password sign-in: the API's login schema, then next-auth's credentials provider (the API's password check). */
export async function loginAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const input = parseWith(tokenObtainSchema, { email: form.get("email") ?? undefined, password: form.get("password") ?? undefined });
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  } catch (error) {
    if (error instanceof SignInRefused) return formError(error.russian, typedValues(form, ["email"]));
    return formStateKeeping(error, form, ["email"]);
  }
  redirect(safeNextPath(form.get("next")));
}
