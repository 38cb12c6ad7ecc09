"use client";

import { useEffect, useRef, useState } from "react";

type State = { kind: "working" } | { kind: "done" } | { kind: "already" } | { kind: "failed"; message: string };

/** Activates the account of a mailed link once, on load, through the djoser endpoint. */
export function ActivateAccount({ uid, token }: { uid: string; token: string }) {
  const [state, setState] = useState<State>({ kind: "working" });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const response = await fetch("/auth/users/activation/", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ uid, token }),
        });
        if (response.status === 204) return setState({ kind: "done" });
        if (response.status === 403) return setState({ kind: "already" });
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setState({ kind: "failed", message: body?.error ?? "Не удалось активировать учётную запись" });
      } catch {
        setState({ kind: "failed", message: "Нет связи с сервером, попробуйте обновить страницу" });
      }
    })();
  }, [uid, token]);

  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-4">
      {state.kind === "working" && <p className="text-slate-700">Активируем учётную запись…</p>}
      {state.kind === "done" && <p className="text-green-700">Учётная запись активирована. Теперь можно войти.</p>}
      {state.kind === "already" && <p className="text-slate-700">Учётная запись уже активирована — просто войдите.</p>}
      {state.kind === "failed" && (
        <p className="text-red-700">
          {state.message}. Ссылка могла устареть — запросите новое письмо на странице входа.
        </p>
      )}
      {state.kind !== "working" && (
        <a href="/" className="self-start rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
          На главную
        </a>
      )}
    </div>
  );
}
