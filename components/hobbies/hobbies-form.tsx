"use client";

import { Controller } from "react-hook-form";
import type { z } from "zod";
import { FormResult } from "@/components/forms/form-result";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { HobbyRef } from "@/lib/hobbies/queries";
import type { hobbyFormSchema } from "@/lib/users/schema";
import { HobbyPicker } from "./hobby-picker";

type Values = z.input<typeof hobbyFormSchema>;

/** The hobby picker of sign-up on its own, saving the whole set at once. */
export function HobbiesForm({ action, catalogue, chosen }: { action: FormAction; catalogue: HobbyRef[]; chosen: number[] }) {
  const { control, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: () => import("@/lib/users/schema").then((module) => module.hobbyFormSchema),
    action,
    defaultValues: { hobby: chosen },
  });
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <Controller
        control={control}
        name="hobby"
        render={({ field }) => (
          <HobbyPicker
            catalogue={catalogue}
            value={(field.value as number[]) ?? []}
            onChange={field.onChange}
            error={fieldError("hobby")}
          />
        )}
      />
      <FormResult state={state} formMessage={formMessage} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Сохраняем…" : "Сохранить хобби"}
      </Button>
    </form>
  );
}
