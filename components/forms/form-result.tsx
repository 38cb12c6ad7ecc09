import { Notice } from "@/components/ui/notice";
import type { FormState } from "@/lib/forms/form-state";

/** What a submitted form tells: its success message, or the server's sentence when no field is to blame. */
export function FormResult({ state, formMessage }: { state: FormState; formMessage?: string }) {
  if (formMessage) return <Notice tone="error">{formMessage}</Notice>;
  if (state.status === "done" && state.message) return <Notice tone="success">{state.message}</Notice>;
  return null;
}
