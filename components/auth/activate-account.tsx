"use client";

import { useActionState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { IDLE, type FormState } from "@/lib/forms/form-state";

type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * The mailed activation link's page: one button that POSTs (a server action), so opening, prefetching
 * or reloading the page never activates anything. Works before the page's script has loaded.
 */
export function ActivateAccount({ uid, token, action }: { uid: string; token: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);

  if (state.status === "done") {
    return (
      <>
        <Notice tone="success" title="Готово!">
          Учётная запись активирована. Теперь можно войти и выбрать хобби.
        </Notice>
        <ButtonLink href="/" className="self-start">
          На главную
        </ButtonLink>
      </>
    );
  }

  // djoser's 403 "stale token": the link was used before, so the account is active already.
  const alreadyActive = state.status === "error" && state.kind === "forbidden";
  return (
    <form action={formAction} className="flex flex-col gap-5">
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      {state.status === "idle" && (
        <p className="text-slate-700">Осталось подтвердить адрес почты: нажми кнопку, и учётная запись заработает.</p>
      )}
      {alreadyActive && (
        <Notice tone="info" title="Учётная запись уже активирована">
          Эта ссылка уже сработала раньше — просто войди.
        </Notice>
      )}
      {state.status === "error" && !alreadyActive && (
        <Notice tone="error" title="Не получилось активировать">
          {state.message}. Ссылка могла устареть или скопироваться не целиком: открой её из самого свежего письма UniMatch.
        </Notice>
      )}
      {alreadyActive ? (
        <ButtonLink href="/" className="self-start">
          На главную
        </ButtonLink>
      ) : (
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? "Активируем…" : "Активировать учётную запись"}
        </Button>
      )}
    </form>
  );
}
