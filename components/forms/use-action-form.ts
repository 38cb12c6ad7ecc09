"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import { schemaResolver, type SchemaLoader } from "@/lib/forms/schema-resolver";

export type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * A form posting to a server action (so it works before hydration) whose fields the action's own zod
 * schema checks in the browser first once hydrated. Errors: the browser's, else the server's per field;
 * `formMessage` is the server's sentence when no field is to blame.
 */
export function useActionForm<Values extends FieldValues>({
  schema,
  action,
  defaultValues,
}: {
  /** The payload's zod schema, loaded on the first check (see schemaResolver). */
  schema: SchemaLoader<Values>;
  action: FormAction;
  defaultValues: DefaultValues<Values>;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const form = useForm<Values>({ resolver: schemaResolver(schema), defaultValues });
  const serverFields = state.status === "error" ? state.fields : {};
  const fieldError = (name: Path<Values>): string | undefined =>
    (form.formState.errors[name]?.message as string | undefined) ?? serverFields[name];
  const formMessage =
    (form.formState.errors.root?.message as string | undefined) ??
    (state.status === "error" && Object.keys(serverFields).length === 0 ? state.message : undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    void form.handleSubmit(() => startTransition(() => formAction(new FormData(element))))(event);
  };
  return { ...form, state, pending, formAction, onSubmit, fieldError, formMessage };
}
