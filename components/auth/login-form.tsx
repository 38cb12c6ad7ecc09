"use client";

import Link from "next/link";
import { startTransition, useActionState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { tokenObtainSchema } from "@/lib/auth/schema";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import { schemaResolver } from "@/lib/forms/schema-resolver";

type Values = z.input<typeof tokenObtainSchema>;
type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/** Email and password. Posts to a server action, so it works before (or without) its script. */
export function LoginForm({ action, next }: { action: Action; next: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const typed = state.status === "error" ? (state.values ?? {}) : {};
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({
    resolver: schemaResolver(() => import("@/lib/auth/schema").then((module) => module.tokenObtainSchema)),
    defaultValues: { email: typed.email ?? "", password: "" },
  });
  const serverFields = state.status === "error" ? state.fields : {};
  const formMessage = state.status === "error" && Object.keys(serverFields).length === 0 ? state.message : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    void handleSubmit(() => startTransition(() => formAction(new FormData(form))))(event);
  };
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
        error={errors.email?.message ?? serverFields.email}
        {...register("email")}
      />
      <div className="flex flex-col gap-1.5">
        <TextField
          label="Пароль"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password?.message ?? serverFields.password}
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
