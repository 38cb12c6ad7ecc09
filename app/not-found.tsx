import type { Metadata } from "next";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Страница не найдена" };

// Every unknown page (the API's unknown paths answer JSON 404s from their own route handlers).
export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader />
      <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start justify-center gap-4 px-4 py-16 sm:px-6">
        <p className="text-sm font-semibold tracking-wider text-brand uppercase">Ошибка 404</p>
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Такой страницы нет</h1>
        <p className="text-lg text-slate-700">
          Возможно, ссылка устарела или в адресе опечатка. Начни с главной — оттуда видно всё, что есть на сайте.
        </p>
        <ButtonLink href="/">На главную</ButtonLink>
      </main>
      <SiteFooter />
    </div>
  );
}
