import type { ReactNode } from "react";

type Tone = "success" | "error" | "info";

const TONES: Record<Tone, string> = {
  success: "border-green-200 bg-green-50 text-green-900",
  error: "border-red-200 bg-red-50 text-red-900",
  info: "border-brand-light bg-brand-light/60 text-brand-dark",
};

/**
 * A message block. Errors are announced at once (role="alert"), the rest politely (role="status"),
 * so a result that replaces a form is read out.
 */
export function Notice({ tone, title, children }: { tone: Tone; title?: string; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-xl border px-4 py-3 ${TONES[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      <div className={title ? "mt-1" : ""}>{children}</div>
    </div>
  );
}
