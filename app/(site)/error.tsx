"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";

// A page that failed while rendering: say so in Russian and offer a retry, instead of Next's English screen.
export default function SiteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex w-full max-w-xl flex-col items-start gap-4 px-4 py-16 sm:px-6">
      <title>Что-то пошло не так — UniMatch</title>
      <p className="text-sm font-semibold tracking-wider text-red-700 uppercase">Ошибка</p>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Что-то пошло не так</h1>
      <p className="text-lg text-slate-700">
        Мы не смогли показать эту страницу. Попробуй ещё раз через минуту — если не получится, вернись на главную.
      </p>
      {error.digest && <p className="text-sm text-slate-500">Код ошибки: {error.digest}</p>}
      <div className="flex flex-wrap gap-3">
        <Button onClick={reset}>Попробовать ещё раз</Button>
        <ButtonLink href="/" variant="secondary">
          На главную
        </ButtonLink>
      </div>
    </main>
  );
}
