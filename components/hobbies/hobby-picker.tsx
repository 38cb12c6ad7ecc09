"use client";

import { useId, useState } from "react";
import type { HobbyRef } from "@/lib/hobbies/queries";
import { HOBBIES_MAX } from "@/lib/users/limits";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Choosing hobbies: a search over the catalogue and chips that are real checkboxes named `hobby`, so
 * the choice is posted with the form even before (or without) JavaScript. At most HOBBIES_MAX chosen;
 * the counter and the error are announced to screen readers.
 */
export function HobbyPicker({
  catalogue,
  value,
  onChange,
  error,
  name = "hobby",
}: {
  catalogue: HobbyRef[];
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string;
  name?: string;
}) {
  const id = useId();
  const hydrated = useHydrated();
  const [query, setQuery] = useState("");
  const chosen = new Set(value);
  const needle = query.trim().toLocaleLowerCase("ru");
  const visible = catalogue.filter((hobby) => !needle || hobby.name.toLocaleLowerCase("ru").includes(needle) || chosen.has(hobby.id));
  const full = chosen.size >= HOBBIES_MAX;

  const toggle = (hobbyId: number) =>
    onChange(chosen.has(hobbyId) ? value.filter((idOf) => idOf !== hobbyId) : full ? value : [...value, hobbyId]);

  return (
    <fieldset className="flex flex-col gap-3" aria-describedby={`${id}-counter${error ? ` ${id}-error` : ""}`}>
      <legend className="font-medium text-slate-900">Твои хобби</legend>
      {hydrated && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-search`} className="text-sm text-slate-700">
            Поиск по хобби
          </label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Например, шахматы"
            className="rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base shadow-sm outline-none focus-visible:border-brand focus-visible:ring-2 focus-visible:ring-brand/30"
          />
        </div>
      )}
      <p id={`${id}-counter`} aria-live="polite" className="text-sm text-slate-700">
        Выбрано {chosen.size} из {HOBBIES_MAX}
        {full && " — это максимум"}
      </p>
      <ul className="flex flex-wrap gap-2">
        {visible.map((hobby) => {
          const checked = chosen.has(hobby.id);
          return (
            <li key={hobby.id}>
              <label
                className={`inline-flex cursor-pointer items-center gap-1.5 rounded-full border px-3.5 py-2 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand ${
                  checked
                    ? "border-brand bg-brand text-white"
                    : full
                      ? "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-500"
                      : "border-slate-300 bg-white text-slate-800 hover:border-brand"
                }`}
              >
                <input
                  type="checkbox"
                  name={name}
                  value={hobby.id}
                  checked={checked}
                  disabled={!checked && full}
                  onChange={() => toggle(hobby.id)}
                  className="sr-only"
                />
                {checked && (
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
                    <path fill="currentColor" d="M7.6 13.2 4.4 10l-1.1 1.1 4.3 4.3 9-9-1.1-1.1z" />
                  </svg>
                )}
                {hobby.name}
              </label>
            </li>
          );
        })}
      </ul>
      {visible.length === 0 && <p className="text-slate-600">Ничего не нашлось — попробуй другое слово.</p>}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
