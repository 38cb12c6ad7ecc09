import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "UniMatch — знакомства студентов по интересам",
  description: "Каждую неделю UniMatch знакомит студентов, у которых есть общие хобби.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ru">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
