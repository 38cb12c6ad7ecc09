"use client";

import type { z } from "zod";
import { FormResult } from "@/components/forms/form-result";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { profileFormSchema } from "@/lib/users/schema";

type Values = z.input<typeof profileFormSchema>;

/** Names, birth date and Telegram: filled in from the server's HTML, so submitting before hydration changes nothing by accident. */
export function ProfileForm({ action, defaults }: { action: FormAction; defaults: Values }) {
  const { register, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: () => import("@/lib/users/schema").then((module) => module.profileFormSchema),
    action,
    defaultValues: defaults,
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Имя"
          autoComplete="given-name"
          defaultValue={defaults.first_name ?? ""}
          error={fieldError("first_name")}
          {...register("first_name")}
        />
        <TextField
          label="Фамилия"
          autoComplete="family-name"
          defaultValue={defaults.last_name ?? ""}
          error={fieldError("last_name")}
          {...register("last_name")}
        />
      </div>
      <TextField
        label="Дата рождения"
        type="date"
        autoComplete="bday"
        defaultValue={defaults.birth ?? ""}
        error={fieldError("birth")}
        {...register("birth")}
      />
      <TextField
        label="Ник в Telegram"
        hint="Его увидит собеседник, чтобы написать тебе. Например, @ivan_petrov"
        autoComplete="off"
        defaultValue={defaults.tg_link ?? ""}
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
