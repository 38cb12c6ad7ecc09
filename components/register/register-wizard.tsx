"use client";

import Link from "next/link";
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import { Controller, useForm, useWatch, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { HobbyPicker } from "@/components/hobbies/hobby-picker";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import { passwordStrength } from "@/lib/forms/password-strength";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import type { HobbyRef } from "@/lib/hobbies/queries";
import type { signUpFormSchema } from "@/lib/users/schema";

type Values = z.input<typeof signUpFormSchema>;
type Action = (previous: FormState, form: FormData) => Promise<FormState>;

const STEPS: { title: string; fields: FieldPath<Values>[] }[] = [
  { title: "О тебе", fields: ["first_name", "last_name", "birth"] },
  { title: "Хобби", fields: ["hobby"] },
  { title: "Аккаунт", fields: ["email", "tg_link", "password", "re_password"] },
  { title: "Согласия", fields: ["consent_terms", "consent_data", "consent_contact"] },
];

const STRENGTH_COLOURS = ["bg-slate-200", "bg-red-500", "bg-amber-500", "bg-green-600"];

/**
 * Sign-up in four steps, each checked before the next, with back and forward keeping what was typed.
 * Before hydration (or without JavaScript) all four steps show as one form posting to the server
 * action, which checks the same schema; its errors come back next to their fields.
 */
export function RegisterWizard({ catalogue, action }: { catalogue: HobbyRef[]; action: Action }) {
  const hydrated = useHydrated();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const typed = state.status === "error" ? (state.values ?? {}) : {};
  const [step, setStep] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const {
    register,
    control,
    handleSubmit,
    trigger,
    formState: { errors },
  } = useForm<Values>({
    resolver: schemaResolver(() => import("@/lib/users/schema").then((module) => module.signUpFormSchema)),
    mode: "onTouched",
    defaultValues: {
      first_name: typed.first_name ?? "",
      last_name: typed.last_name ?? "",
      birth: typed.birth ?? "",
      hobby: typed.hobby ? typed.hobby.split(",").map(Number) : [],
      email: typed.email ?? "",
      tg_link: typed.tg_link ?? "",
      password: "",
      re_password: "",
    },
  });
  const serverFields = state.status === "error" ? state.fields : {};
  const fieldError = (name: FieldPath<Values>) => (errors[name as keyof Values]?.message as string | undefined) ?? serverFields[name];
  const strength = passwordStrength(useWatch({ control, name: "password" }) ?? "");

  const goTo = (next: number) => {
    setStep(next);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const forward = async () => {
    if (await trigger(STEPS[step]!.fields)) goTo(step + 1);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    void handleSubmit(
      () => startTransition(() => formAction(new FormData(form))),
      (invalid) => {
        const first = STEPS.findIndex((candidate) => candidate.fields.some((field) => field in invalid));
        if (first >= 0 && first !== step) goTo(first);
      },
    )(event);
  };
  const visible = (index: number) => !hydrated || index === step;
  const formMessage = state.status === "error" && Object.keys(serverFields).length === 0 ? state.message : undefined;

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate data-hydrated={hydrated} className="register-wizard flex flex-col gap-6">
      {hydrated && (
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium text-slate-600">
            Шаг {step + 1} из {STEPS.length}
          </p>
          <ol className="grid grid-cols-4 gap-1.5" aria-hidden="true">
            {STEPS.map((candidate, index) => (
              <li key={candidate.title} className={`h-1.5 rounded-full ${index <= step ? "bg-brand" : "bg-slate-200"}`} />
            ))}
          </ol>
        </div>
      )}
      {formMessage && <Notice tone="error">{formMessage}</Notice>}

      <section hidden={!visible(0)} data-step={0} className="flex flex-col gap-4" aria-labelledby="step-about">
        <h2 id="step-about" ref={step === 0 ? heading : undefined} tabIndex={-1} className="text-xl font-semibold outline-none">
          {STEPS[0]!.title}
        </h2>
        <TextField
          label="Имя"
          autoComplete="given-name"
          defaultValue={typed.first_name}
          error={fieldError("first_name")}
          {...register("first_name")}
        />
        <TextField
          label="Фамилия"
          autoComplete="family-name"
          defaultValue={typed.last_name}
          error={fieldError("last_name")}
          {...register("last_name")}
        />
        <TextField
          label="Дата рождения"
          type="date"
          autoComplete="bday"
          defaultValue={typed.birth}
          error={fieldError("birth")}
          {...register("birth")}
        />
      </section>

      <section hidden={!visible(1)} data-step={1} className="flex flex-col gap-4" aria-labelledby="step-hobbies">
        <h2 id="step-hobbies" ref={step === 1 ? heading : undefined} tabIndex={-1} className="text-xl font-semibold outline-none">
          {STEPS[1]!.title}
        </h2>
        <p className="text-slate-700">Выбери от 1 до 10 — по ним мы подберём тебе собеседника.</p>
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
      </section>

      <section hidden={!visible(2)} data-step={2} className="flex flex-col gap-4" aria-labelledby="step-account">
        <h2 id="step-account" ref={step === 2 ? heading : undefined} tabIndex={-1} className="text-xl font-semibold outline-none">
          {STEPS[2]!.title}
        </h2>
        <TextField
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="email"
          required
          defaultValue={typed.email}
          error={fieldError("email")}
          {...register("email")}
        />
        <TextField
          label="Ник в Telegram"
          hint="Чтобы собеседник мог написать тебе. Например, @ivan_petrov"
          autoComplete="off"
          defaultValue={typed.tg_link}
          error={fieldError("tg_link")}
          {...register("tg_link")}
        />
        <div className="flex flex-col gap-2">
          <TextField
            label="Пароль"
            type="password"
            autoComplete="new-password"
            required
            error={fieldError("password")}
            {...register("password")}
          />
          {hydrated && (
            <div aria-live="polite" className="flex flex-col gap-1">
              <div className="grid grid-cols-3 gap-1" aria-hidden="true">
                {[1, 2, 3].map((level) => (
                  <span
                    key={level}
                    className={`h-1.5 rounded-full ${strength.score >= level ? STRENGTH_COLOURS[strength.score] : "bg-slate-200"}`}
                  />
                ))}
              </div>
              <p className="text-sm text-slate-600">
                {strength.label && <span className="font-medium text-slate-800">{strength.label}. </span>}
                {strength.advice}
              </p>
            </div>
          )}
        </div>
        <TextField
          label="Повтори пароль"
          type="password"
          autoComplete="new-password"
          required
          error={fieldError("re_password")}
          {...register("re_password")}
        />
      </section>

      <section hidden={!visible(3)} data-step={3} className="flex flex-col gap-4" aria-labelledby="step-consents">
        <h2 id="step-consents" ref={step === 3 ? heading : undefined} tabIndex={-1} className="text-xl font-semibold outline-none">
          {STEPS[3]!.title}
        </h2>
        <Checkbox
          label="Принимаю правила UniMatch"
          defaultChecked={typed.consent_terms === "on"}
          error={fieldError("consent_terms")}
          {...register("consent_terms")}
        />
        <Checkbox
          label="Даю согласие на обработку моих персональных данных"
          defaultChecked={typed.consent_data === "on"}
          error={fieldError("consent_data")}
          {...register("consent_data")}
        />
        <Checkbox
          label="Разрешаю показывать моё имя, хобби и контакт в Telegram моим собеседникам"
          defaultChecked={typed.consent_contact === "on"}
          error={fieldError("consent_contact")}
          {...register("consent_contact")}
        />
      </section>

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-between">
        {hydrated && step > 0 ? (
          <Button type="button" variant="secondary" onClick={() => goTo(step - 1)}>
            Назад
          </Button>
        ) : (
          <span className="hidden sm:block" />
        )}
        {hydrated && step < STEPS.length - 1 ? (
          // Its own key: reusing this element as the submit button would let the Enter that pressed it submit the form.
          <Button key="next" type="button" onClick={() => void forward()}>
            Далее
          </Button>
        ) : (
          <Button key="submit" type="submit" disabled={pending}>
            {pending ? "Создаём аккаунт…" : "Зарегистрироваться"}
          </Button>
        )}
      </div>
      <p className="text-center text-slate-700">
        Уже есть аккаунт?{" "}
        <Link href="/login" className="font-medium text-brand-dark underline underline-offset-4">
          Войди
        </Link>
      </p>
    </form>
  );
}
