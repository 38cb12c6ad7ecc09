"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import { resetConfirmSchema } from "@/lib/users/djoser-schema";

type Values = z.input<typeof resetConfirmSchema>;

/** The new-password form of a mailed reset link; validated with the route handler's own schema. */
export function PasswordResetForm({ uid, token }: { uid: string; token: string }) {
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: schemaResolver(resetConfirmSchema), defaultValues: { uid, token, new_password: "", re_new_password: "" } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const response = await fetch("/auth/users/reset_password_confirm/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(values),
      });
      if (response.status === 204) return setDone(true);
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      const message = typeof body?.error === "string" ? body.error : "Не удалось сменить пароль";
      setError(body && "new_password" in body ? "new_password" : "root", { message });
    } catch {
      setError("root", { message: "Нет связи с сервером, попробуйте ещё раз" });
    }
  });

  if (done) {
    return (
      <div role="status" className="flex flex-col gap-4">
        <p className="text-green-700">Пароль изменён. Все прежние входы завершены — войдите с новым паролем.</p>
        <a href="/" className="self-start rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
          На главную
        </a>
      </div>
    );
  }

  const field = "rounded-lg border border-slate-300 px-3 py-2 focus:border-indigo-500 focus:outline-none";
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <label className="flex flex-col gap-1">
        <span className="font-medium">Новый пароль</span>
        <input type="password" autoComplete="new-password" className={field} {...register("new_password")} />
        {errors.new_password && <span className="text-sm text-red-700">{errors.new_password.message}</span>}
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Повторите пароль</span>
        <input type="password" autoComplete="new-password" className={field} {...register("re_new_password")} />
        {errors.re_new_password && <span className="text-sm text-red-700">{errors.re_new_password.message}</span>}
      </label>
      {errors.root && (
        <p role="alert" className="text-sm text-red-700">
          {errors.root.message}
        </p>
      )}
      <button type="submit" disabled={isSubmitting} className="rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {isSubmitting ? "Сохраняем…" : "Сменить пароль"}
      </button>
    </form>
  );
}
