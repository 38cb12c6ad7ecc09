import { AppError, type ErrorKind } from "@/lib/errors";
import { russianMessage } from "@/lib/validation/messages";

// What a server action tells its form: nothing yet, done, or what went wrong (one Russian message
// per field, and a message for the form as a whole). Plain data: it crosses to the browser.

export type FormState =
  | { status: "idle" }
  | { status: "done"; message?: string }
  | {
      status: "error";
      kind: ErrorKind;
      message: string;
      fields: Record<string, string>;
      /** What was typed (never a password), so a form re-rendered without JavaScript keeps it. */
      values?: Record<string, string>;
    };

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

/** A form-level error that is no field's fault (wrong credentials, a refused sign-in). */
export function formError(message: string, values?: Record<string, string>): FormState {
  return { status: "error", kind: "bad_request", message, fields: {}, values };
}

/** The text fields of a submitted form (files and repeated names aside), for re-rendering it. */
export function typedValues(form: FormData, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** formStateFromError keeping what was typed in `names`. */
export function formStateKeeping(error: unknown, form: FormData, names: string[]): FormState {
  const state = formStateFromError(error);
  return state.status === "error" ? { ...state, values: typedValues(form, names) } : state;
}
