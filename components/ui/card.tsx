import type { ComponentProps } from "react";

/** A white panel with a border and soft shadow: the frame of forms and notices. */
export function Card({ className = "", ...props }: ComponentProps<"div">) {
  return <div className={`rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8 ${className}`.trim()} {...props} />;
}
