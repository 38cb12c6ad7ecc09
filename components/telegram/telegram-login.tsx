"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";

/** The user object the Telegram Login Widget passes to `data-onauth`, forwarded unchanged (it is signed as a whole). */
type WidgetUser = Record<string, unknown>;

type Status = { kind: "idle" } | { kind: "pending" } | { kind: "success"; linked: boolean } | { kind: "error"; message: string };
type TelegramResult = { ok: true; redirectTo: string; linked: boolean } | { ok: false; message: string };
type Action = (payload: string, next: string) => Promise<TelegramResult>;

declare global {
  interface Window {
    onTelegramAuth?: (user: WidgetUser) => void;
  }
}

const WIDGET_SRC = "https://telegram.org/js/telegram-widget.js?22";
const WIDGET_ATTRIBUTES = (botUsername: string): Record<string, string> => ({
  "data-telegram-login": botUsername,
  "data-size": "large",
  "data-onauth": "onTelegramAuth(user)",
  "data-request-access": "write",
});

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function widgetHtml(botUsername: string, nonce: string | undefined): string {
  const attributes = Object.entries({ ...WIDGET_ATTRIBUTES(botUsername), ...(nonce ? { nonce } : {}) })
    .map(([name, value]) => `${name}="${escapeAttribute(value)}"`)
    .join(" ");
  return `<script async src="${WIDGET_SRC}" ${attributes}></script>`;
}

const noSubscription = () => () => {};

/**
 * The Telegram Login Widget. The signed user object it yields goes to `action` (a server action): it
 * signs in with Telegram, or links Telegram to the signed-in student; then the page moves on.
 */
export function TelegramLogin({
  botUsername,
  action,
  next,
  nonce,
}: {
  botUsername: string;
  action: Action;
  next: string;
  /** The page's CSP nonce: the widget's script runs only with it. */
  nonce?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  // False while hydrating the server's HTML, true when React mounts this on a client-side navigation.
  const onClient = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const mountedOnClient = useRef(onClient);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    window.onTelegramAuth = (user) => {
      setStatus({ kind: "pending" });
      action(JSON.stringify(user), next).then(
        (result) => {
          if (!result.ok) return setStatus({ kind: "error", message: result.message });
          setStatus({ kind: "success", linked: result.linked });
          window.location.assign(result.redirectTo);
        },
        () => setStatus({ kind: "error", message: "Нет связи с сервером. Проверь интернет и попробуй ещё раз." }),
      );
    };
    // The browser runs the widget script that came in the server's HTML, but never one React inserts,
    // and the widget draws its button where its script element is: so after a client-side navigation
    // a script element is put there by hand.
    const node = container.current;
    if (mountedOnClient.current && node) {
      const script = document.createElement("script");
      script.async = true;
      script.src = WIDGET_SRC;
      if (nonce) script.nonce = nonce;
      for (const [name, value] of Object.entries(WIDGET_ATTRIBUTES(botUsername))) script.setAttribute(name, value);
      node.replaceChildren(script);
    }
    return () => {
      delete window.onTelegramAuth;
    };
  }, [botUsername, action, next, nonce]);

  return (
    <div className="flex flex-col items-start gap-4">
      <div ref={container} className="min-h-12" dangerouslySetInnerHTML={{ __html: widgetHtml(botUsername, nonce) }} />
      {status.kind === "pending" && <p className="text-slate-600">Проверяем данные Telegram…</p>}
      {status.kind === "success" && (
        <p role="status" className="rounded-xl bg-emerald-50 px-4 py-3 text-emerald-800">
          {status.linked ? "Telegram привязан." : "Вход выполнен."} Секунду…
        </p>
      )}
      {status.kind === "error" && (
        <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-red-800">
          {status.message}
        </p>
      )}
    </div>
  );
}
