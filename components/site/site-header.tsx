import Link from "next/link";
import { signOutAction } from "@/app/(site)/session-actions";
import { Avatar, displayName } from "@/components/users/avatar";
import { currentUser } from "@/lib/session";
import { Logo } from "./logo";

const LINKS = [
  { href: "/matches", label: "Мои пары" },
  { href: "/hobbies", label: "Хобби" },
  { href: "/settings", label: "Настройки" },
];

const linkClasses =
  "rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand";

/** The logo, and for a signed-in student the app's sections and a menu with sign-out; otherwise sign-in links. */
export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link
          href={user ? "/matches" : "/"}
          className="rounded-lg focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand"
          aria-label="UniMatch — на главную"
        >
          <Logo />
        </Link>
        {user ? (
          <div className="flex items-center gap-2">
            <nav aria-label="Разделы" className="hidden items-center gap-1 md:flex">
              {LINKS.map((link) => (
                <Link key={link.href} href={link.href} className={linkClasses}>
                  {link.label}
                </Link>
              ))}
            </nav>
            <details className="group relative">
              <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 pr-3 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand [&::-webkit-details-marker]:hidden">
                <Avatar firstName={user.firstName} lastName={user.lastName} image={user.image} size="sm" />
                <span className="max-w-32 truncate font-medium text-slate-900">{user.firstName || "Профиль"}</span>
                <span className="sr-only">— меню</span>
                <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-slate-500 transition-transform group-open:rotate-180">
                  <path
                    fill="currentColor"
                    d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z"
                  />
                </svg>
              </summary>
              <div className="absolute right-0 z-20 mt-2 flex w-60 flex-col rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
                <p className="truncate px-3 py-2 text-sm text-slate-600">{displayName(user.firstName, user.lastName)}</p>
                {LINKS.map((link) => (
                  <Link key={link.href} href={link.href} className={linkClasses}>
                    {link.label}
                  </Link>
                ))}
                <form action={signOutAction} className="mt-1 border-t border-slate-200 pt-1">
                  <button type="submit" className={`${linkClasses} w-full text-left`}>
                    Выйти
                  </button>
                </form>
              </div>
            </details>
          </div>
        ) : (
          <nav aria-label="Вход" className="flex items-center gap-1">
            <Link href="/login" className={linkClasses}>
              Войти
            </Link>
            <Link
              href="/register"
              className="rounded-lg bg-brand px-3 py-2 font-medium text-white hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
            >
              Регистрация
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
