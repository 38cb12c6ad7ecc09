"use client";

import { useState } from "react";
import type { z } from "zod";
import { FormResult } from "@/components/forms/form-result";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TextField } from "@/components/ui/field";
import type { deleteMeSchema } from "@/lib/users/djoser-schema";

type Values = z.input<typeof deleteMeSchema>;

/** Deleting the account: opened by a first click, confirmed with the current password. */
export function DeleteAccountForm({ action }: { action: FormAction }) {
  const [open, setOpen] = useState(false);
  const { register, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: () => import("@/lib/users/djoser-schema").then((module) => module.deleteMeSchema),
    action,
    defaultValues: { current_password: "" },
  });
  return (
    <details open={open || state.status === "error"} onToggle={(event) => setOpen(event.currentTarget.open)} className="group">
      <summary className="inline-flex cursor-pointer list-none rounded-lg border border-red-300 px-4 py-2.5 font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-700 [&::-webkit-details-marker]:hidden">
        Удалить аккаунт…
      </summary>
      <form
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        className="mt-4 flex flex-col gap-4 rounded-xl border border-red-200 bg-red-50 p-4"
      >
        <p className="text-red-900">
          Аккаунт, хобби, история пар и привязка Telegram удалятся навсегда. Это нельзя отменить. Чтобы подтвердить, введи пароль.
        </p>
        <TextField
          label="Пароль"
          type="password"
          autoComplete="current-password"
          error={fieldError("current_password")}
          {...register("current_password")}
        />
        <FormResult state={state} formMessage={formMessage} />
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded-lg bg-red-700 px-4 py-2.5 font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:opacity-60"
        >
          {pending ? "Удаляем…" : "Удалить навсегда"}
        </button>
      </form>
    </details>
  );
}
