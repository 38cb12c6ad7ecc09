"use client";

import type { z } from "zod";
import { FormResult } from "@/components/forms/form-result";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { setPasswordSchema } from "@/lib/users/djoser-schema";

type Values = z.input<typeof setPasswordSchema>;

export function PasswordForm({ action }: { action: FormAction }) {
  const { register, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: () => import("@/lib/users/djoser-schema").then((module) => module.setPasswordSchema),
    action,
    defaultValues: { current_password: "", new_password: "", re_new_password: "" },
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField
        label="Текущий пароль"
        type="password"
        autoComplete="current-password"
        error={fieldError("current_password")}
        {...register("current_password")}
      />
      <TextField
        label="Новый пароль"
        type="password"
        autoComplete="new-password"
        error={fieldError("new_password")}
        {...register("new_password")}
      />
      <TextField
        label="Повтори новый пароль"
        type="password"
        autoComplete="new-password"
        error={fieldError("re_new_password")}
        {...register("re_new_password")}
      />
      <FormResult state={state} formMessage={formMessage} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Меняем…" : "Сменить пароль"}
      </Button>
    </form>
  );
}
