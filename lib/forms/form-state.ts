import { AppError, type ErrorKind } from "@/lib/errors";
import { russianMessage } from "@/lib/validation/errors";

// What a server action tells its form: nothing yet, done, or what went wrong (one Russian message
// per field, and a message for the form as a whole). Plain data: it crosses to the browser.

export type FormState =
  { status: "idle" } | { status: "done" } | { status: "error"; kind: ErrorKind; message: string; fields: Record<string, string> };

export const IDLE: FormState = { status: "idle" };
export const DONE: FormState = { status: "done" };

/**
 * The form state for an error a server action caught: an AppError becomes its field messages in
 * Russian and its sentence for the form; anything else is not the person's fault and is rethrown
 * (the page's error boundary shows it, the server logs it).
 */
export function formStateFromError(error: unknown): FormState {
  if (!(error instanceof AppError)) throw error;
  const fields: Record<string, string> = {};
  for (const [field, messages] of Object.entries(error.details.fields ?? {})) {
    if (field !== "non_field_errors" && messages[0]) fields[field] = russianMessage(field, messages[0]);
  }
  return { status: "error", kind: error.kind, message: error.message, fields };
}
