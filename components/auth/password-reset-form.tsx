"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import type { resetConfirmSchema } from "@/lib/users/djoser-schema";

type Values = z.input<typeof resetConfirmSchema>;
type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * The new-password form of a mailed reset link. It POSTs to a server action, so it works (and never
 * puts the password in the URL) before its script has loaded; once loaded, the route handler's own
 * zod schema checks the fields in the browser first.
 */
export function PasswordResetForm({ uid, token, action }: { uid: string; token: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({
    resolver: schemaResolver(() => import("@/lib/users/djoser-schema").then((module) => module.resetConfirmSchema)),
    defaultValues: { uid, token, new_password: "", re_new_password: "" },
  });

  if (state.status === "done") {
    return (
      <>
        <Notice tone="success" title="Пароль изменён">
          Все прежние входы завершены — войди с новым паролем.
        </Notice>
        <ButtonLink href="/" className="self-start">
          На главную
        </ButtonLink>
      </>
    );
  }

  const serverFields = state.status === "error" ? state.fields : {};
  const formError = errors.root?.message ?? (state.status === "error" && !serverFields.new_password ? state.message : undefined);
  // Once hydrated: the same schema checks the fields here first, then the server action gets the form.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    void handleSubmit(() => startTransition(() => formAction(new FormData(form))))(event);
  };
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {/* Plain inputs: react-hook-form fills registered ones only after hydration, and the form must work before it. */}
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      <p className="text-slate-700">Придумай новый пароль: не короче 8 символов, не только из цифр и не слишком простой.</p>
      <TextField
        label="Новый пароль"
        type="password"
        autoComplete="new-password"
        required
        error={errors.new_password?.message ?? serverFields.new_password}
        {...register("new_password")}
      />
      <TextField
        label="Повтори пароль"
        type="password"
        autoComplete="new-password"
        required
        error={errors.re_new_password?.message ?? serverFields.re_new_password}
        {...register("re_new_password")}
      />
      {formError && <Notice tone="error">{formError}</Notice>}
      <Button type="submit" disabled={pending}>
        {pending ? "Сохраняем…" : "Сменить пароль"}
      </Button>
    </form>
  );
}
