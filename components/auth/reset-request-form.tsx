"use client";

import type { z } from "zod";
import { FormResult } from "@/components/forms/form-result";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { emailSchema } from "@/lib/users/djoser-schema";

type Values = z.input<typeof emailSchema>;

export function ResetRequestForm({ action }: { action: FormAction }) {
  const { register, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: () => import("@/lib/users/djoser-schema").then((module) => module.emailSchema),
    action,
    defaultValues: { email: "" },
  });
  if (state.status === "done") return <FormResult state={state} />;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TextField label="Email" type="email" inputMode="email" autoComplete="email" error={fieldError("email")} {...register("email")} />
      <FormResult state={state} formMessage={formMessage} />
      <Button type="submit" disabled={pending}>
        {pending ? "Отправляем…" : "Прислать ссылку"}
      </Button>
    </form>
  );
}
