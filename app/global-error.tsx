"use client";

import Link from "next/link";
import "./globals.css";

// The last resort when the root layout itself fails: a whole document, in Russian.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="ru">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>Что-то пошло не так — UniMatch</title>
        <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-4 py-16 sm:px-6">
          <h1 className="text-3xl font-bold tracking-tight">Что-то пошло не так</h1>
          <p className="text-lg text-slate-700">Сайт не смог открыть страницу. Попробуй ещё раз через минуту.</p>
          {error.digest && <p className="text-sm text-slate-500">Код ошибки: {error.digest}</p>}
          <div className="flex flex-wrap gap-3">
            <button type="button" onClick={reset} className="rounded-lg bg-brand px-4 py-2.5 font-medium text-white hover:bg-brand-dark">
              Попробовать ещё раз
            </button>
            <Link href="/" className="rounded-lg border border-slate-300 bg-white px-4 py-2.5 font-medium hover:bg-slate-100">
              На главную
            </Link>
          </div>
        </main>
      </body>
    </html>
  );
}
