import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The one thing delivery needs from a mail transport; nodemailer over SMTP_URL in the app. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

let cached: { url: string; transporter: Transporter } | null = null;

/** The SMTP transport for SMTP_URL, or null when no SMTP server is configured. */
export function mailTransport(): MailTransport | null {
  const url = env.SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) {
    // A dead server must fail the attempt quickly (it is retried later), never hang a delivery.
    const options = { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
    cached = { url, transporter: nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0]) };
  }
  const { transporter } = cached;
  return {
    async send(mail) {
      await transporter.sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}
