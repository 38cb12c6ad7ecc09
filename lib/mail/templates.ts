import { env } from "@/lib/env";

export type MailKind = "activation" | "password_reset";

export interface MailContent {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(title: string, paragraphs: string[], link: { href: string; label: string }, footer: string): string {
  const body = paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join("");
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,sans-serif;color:#0f172a;background:#f8fafc;padding:24px">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>${body}
<p style="margin:24px 0"><a href="${escapeHtml(link.href)}" style="background:#4f46e5;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none">${escapeHtml(link.label)}</a></p>
<p style="margin:0 0 8px;font-size:13px;color:#475569">Если кнопка не работает, скопируй ссылку в браузер:<br><a href="${escapeHtml(link.href)}">${escapeHtml(link.href)}</a></p>
<p style="margin:16px 0 0;font-size:13px;color:#475569">${escapeHtml(footer)}</p>
</div></body></html>`;
}

interface LinkMail {
  kind: MailKind;
  to: string;
  subject: string;
  intro: string;
  action: string;
  link: string;
  button: string;
  footer: string;
}

/** A link template from the environment with `{uid}` and `{token}` filled in, each URL-encoded. */
function fillLink(template: string, { uid, token }: { uid: string; token: string }): string {
  return template.replace(/\{(uid|token)\}/g, (_, name: "uid" | "token") => encodeURIComponent(name === "uid" ? uid : token));
}

/** One mail carrying a one-time link, as plain text and HTML with the same words. */
function linkMail({ kind, to, subject, intro, action, link, button, footer }: LinkMail): MailContent {
  return {
    kind,
    to,
    subject,
    text: `${intro}\n\n${action}\n${link}\n\n${footer}\n`,
    html: layout(subject, [intro, action], { href: link, label: button }, footer),
  };
}

/** djoser's activation mail, linking to ACTIVATION_URL (default `{APP_URL}/auth/activate/{uid}/{token}`). */
export function activationMail({ to, uid, token }: { to: string; uid: string; token: string }): MailContent {
  return linkMail({
    kind: "activation",
    to,
    subject: "Подтверди регистрацию в UniMatch",
    intro:
      "Привет! Это UniMatch — сервис, который каждую неделю знакомит студентов с общими увлечениями. На этот адрес только что зарегистрировали учётную запись.",
    action: "Чтобы активировать её, перейди по ссылке:",
    link: fillLink(env.ACTIVATION_URL, { uid, token }),
    button: "Активировать учётную запись",
    footer: "Если ты не регистрировался в UniMatch, просто не обращай внимания на это письмо.",
  });
}

/** The password-reset mail, linking to PASSWORD_RESET_URL (default `{APP_URL}/password-reset/{uid}/{token}`). */
export function passwordResetMail({ to, uid, token }: { to: string; uid: string; token: string }): MailContent {
  return linkMail({
    kind: "password_reset",
    to,
    subject: "Сброс пароля в UniMatch",
    intro: "Привет! Кто-то (надеемся, ты) попросил сбросить пароль от твоей учётной записи UniMatch.",
    action: "Чтобы задать новый пароль, перейди по ссылке. Она действует ограниченное время и только один раз:",
    link: fillLink(env.PASSWORD_RESET_URL, { uid, token }),
    button: "Задать новый пароль",
    footer: "Если ты не просил сбросить пароль, просто не обращай внимания на это письмо — пароль останется прежним.",
  });
}
