"use server";

import { headers } from "next/headers";
import { DONE, formStateFromError, type FormState } from "@/lib/forms/form-state";
import { clientIpFromHeaders } from "@/lib/http/request";
import { activationSchema } from "@/lib/users/djoser-schema";
import { activateAccount } from "@/lib/users/email-flows";
import { parseWith } from "@/lib/validation/errors";

/** Activates the account of a mailed link; only ever on the person's POST, never on opening the page. */
export async function activateAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const { uid, token } = parseWith(activationSchema, { uid: form.get("uid"), token: form.get("token") });
    await activateAccount({ uid, token, ip: clientIpFromHeaders(await headers()) });
    return DONE;
  } catch (error) {
    return formStateFromError(error);
  }
}
