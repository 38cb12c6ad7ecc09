/** The UniMatch mark (two overlapping circles: two people who share something) and the name. */
export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-lg font-bold tracking-tight text-slate-900">
      <svg viewBox="0 0 32 32" className="size-8" aria-hidden="true">
        <rect width="32" height="32" rx="8" className="fill-brand" />
        <circle cx="12.5" cy="16" r="6.5" fill="none" stroke="white" strokeWidth="2.5" />
        <circle cx="19.5" cy="16" r="6.5" fill="none" stroke="white" strokeWidth="2.5" opacity="0.85" />
      </svg>
      UniMatch
    </span>
  );
}
