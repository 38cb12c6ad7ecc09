"use client";

import Link from "next/link";
import type { z } from "zod";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { tokenObtainSchema } from "@/lib/auth/schema";

type Values = z.input<typeof tokenObtainSchema>;

/** Email and password. Posts to a server action, so it works before (or without) its script. */
export function LoginForm({ action, next }: { action: FormAction; next: string }) {
  const { register, onSubmit, formAction, pending, fieldError, formMessage, state } = useActionForm<Values>({
    schema: () => import("@/lib/auth/schema").then((module) => module.tokenObtainSchema),
    action,
    defaultValues: { email: "", password: "" },
  });
  // Without JavaScript the page comes back from the server action: what was typed is in its state.
  const typed = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="next" value={next} />
      {formMessage && <Notice tone="error">{formMessage}</Notice>}
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={typed.email}
        error={fieldError("email")}
        {...register("email")}
      />
      <div className="flex flex-col gap-1.5">
        <TextField
          label="Пароль"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError("password")}
          {...register("password")}
        />
        <Link href="/password-reset" className="self-end text-sm font-medium text-brand-dark underline-offset-4 hover:underline">
          Забыл пароль?
        </Link>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Входим…" : "Войти"}
      </Button>
    </form>
  );
}
