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
<p style="margin:0 0 8px;font-size:13px;color:#475569">Если кнопка не работает, скопируйте ссылку в браузер:<br><a href="${escapeHtml(link.href)}">${escapeHtml(link.href)}</a></p>
<p style="margin:16px 0 0;font-size:13px;color:#475569">${escapeHtml(footer)}</p>
</div></body></html>`;
}

/** `{APP_URL}/auth/activate/{uid}/{token}`: the link djoser's activation mail carries. */
export function activationLink(uid: string, token: string): string {
  return `${env.APP_URL}/auth/activate/${uid}/${token}`;
}

/** `{APP_URL}/password-reset/{uid}/{token}`. */
export function passwordResetLink(uid: string, token: string): string {
  return `${env.APP_URL}/password-reset/${uid}/${token}`;
}

export function activationMail({ to, uid, token }: { to: string; uid: string; token: string }): MailContent {
  const link = activationLink(uid, token);
  const subject = "Подтвердите регистрацию в UniMatch";
  const intro = "Здравствуйте! Вы зарегистрировались в UniMatch — сервисе, который каждую неделю знакомит студентов с общими увлечениями.";
  const action = "Чтобы активировать учётную запись, перейдите по ссылке:";
  const footer = "Если вы не регистрировались в UniMatch, просто проигнорируйте это письмо.";
  return {
    kind: "activation",
    to,
    subject,
    text: `${intro}\n\n${action}\n${link}\n\n${footer}\n`,
    html: layout(subject, [intro, action], { href: link, label: "Активировать учётную запись" }, footer),
  };
}

export function passwordResetMail({ to, uid, token }: { to: string; uid: string; token: string }): MailContent {
  const link = passwordResetLink(uid, token);
  const subject = "Сброс пароля в UniMatch";
  const intro = "Здравствуйте! Кто-то (надеемся, вы) попросил сбросить пароль от вашей учётной записи UniMatch.";
  const action = "Чтобы задать новый пароль, перейдите по ссылке. Она действует ограниченное время и только один раз:";
  const footer = "Если вы не запрашивали сброс пароля, просто проигнорируйте это письмо — пароль останется прежним.";
  return {
    kind: "password_reset",
    to,
    subject,
    text: `${intro}\n\n${action}\n${link}\n\n${footer}\n`,
    html: layout(subject, [intro, action], { href: link, label: "Задать новый пароль" }, footer),
  };
}
