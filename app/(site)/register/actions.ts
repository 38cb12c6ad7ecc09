"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formStateKeeping, type FormState } from "@/lib/forms/form-state";
import { clientIpFromHeaders } from "@/lib/http/request";
import { signIn } from "@/lib/session";
import { signUpFormSchema } from "@/lib/users/schema";
import { createAccountFromSignUp } from "@/lib/users/service";
import { parseWith } from "@/lib/validation/errors";

const TEXT_FIELDS = ["first_name", "last_name", "birth", "email", "tg_link"];
const CONSENTS = ["consent_terms", "consent_data", "consent_contact"];

/** The sign-up form's fields as the schema takes them (checkboxes as booleans, hobbies as ids). */
function signUpFromForm(form: FormData): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const name of [...TEXT_FIELDS, "password", "re_password"]) data[name] = form.get(name) ?? undefined;
  for (const name of CONSENTS) data[name] = form.get(name) !== null;
  data.hobby = form.getAll("hobby").map((id) => (/^\d{1,10}$/.test(String(id)) ? Number(id) : String(id)));
  return data;
}

/** Creates the account (the sign-up API's rules and creation path), signs the student in, and opens their matches. */
export async function registerAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const input = parseWith(signUpFormSchema, signUpFromForm(form));
    await createAccountFromSignUp({ input: { ...input, age: null }, ip: clientIpFromHeaders(await headers()) });
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  } catch (error) {
    const state = formStateKeeping(error, form, [...TEXT_FIELDS, ...CONSENTS]);
    if (state.status === "error") state.values = { ...state.values, hobby: form.getAll("hobby").join(",") };
    return state;
  }
  redirect("/matches");
}
