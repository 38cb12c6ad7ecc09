"use client";

import type { z } from "zod";
import { FormResult } from "@/components/forms/form-result";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { profileFormSchema } from "@/lib/users/schema";

type Values = z.input<typeof profileFormSchema>;

export function ProfileForm({ action, defaults }: { action: FormAction; defaults: Values }) {
  const { register, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: profileFormSchema,
    action,
    defaultValues: defaults,
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Имя" autoComplete="given-name" error={fieldError("first_name")} {...register("first_name")} />
        <TextField label="Фамилия" autoComplete="family-name" error={fieldError("last_name")} {...register("last_name")} />
      </div>
      <TextField label="Дата рождения" type="date" autoComplete="bday" error={fieldError("birth")} {...register("birth")} />
      <TextField
        label="Ник в Telegram"
        hint="Его увидит собеседник, чтобы написать тебе. Например, @ivan_petrov"
        autoComplete="off"
        error={fieldError("tg_link")}
        {...register("tg_link")}
      />
      <FormResult state={state} formMessage={formMessage} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Сохраняем…" : "Сохранить"}
      </Button>
    </form>
  );
}
