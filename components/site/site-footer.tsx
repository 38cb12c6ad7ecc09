export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-col gap-1 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:justify-between sm:px-6">
        <p>UniMatch — знакомства студентов по общим интересам</p>
        <p>Раз в неделю — новый собеседник</p>
      </div>
    </footer>
  );
}
