// A real SMTP server on 127.0.0.1 for tests (smtp-server): records every accepted message, decoded
// enough to read its text part. Can be stopped and started again on the same port (an outage).
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The decoded text/plain part. */
  text: string;
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Waits until a mail to `address` arrives (fails after `timeoutMs`) and returns the latest such mail. */
  waitForMail(address: string, options?: { count?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  mailsTo(address: string): ReceivedMail[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

function unfoldHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, encoding: string, data: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(
          data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding?.toLowerCase() === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The first text/plain part of a (possibly multipart) message. */
function textPart(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = unfoldHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return { headers, text: decodeBody(body, headers.get("content-transfer-encoding")) };
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const inner = textPart(part.replace(/^\r?\n/, ""));
    if ((inner.headers.get("content-type") ?? "").toLowerCase().startsWith("text/plain")) return { headers, text: inner.text };
    if ((inner.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/")) return { headers, text: inner.text };
  }
  return { headers, text: "" };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const { headers, text } = textPart(raw);
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            subject: decodeWords(headers.get("subject") ?? ""),
            text,
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, "127.0.0.1", () => resolve());
    });
    port = (server!.server.address() as AddressInfo).port;
  };
  await start();

  const mailsTo = (address: string) => received.filter((mail) => mail.to.includes(address.toLowerCase()));
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received,
    mailsTo,
    async waitForMail(address, { count = 1, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (mailsTo(address).length < count) {
        if (Date.now() > deadline) throw new Error(`no mail #${count} to ${address} within ${timeoutMs} ms`);
        await sleep(25);
      }
      return mailsTo(address).at(-1)!;
    },
    async stop() {
      const current = server;
      server = null;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start,
  };
}

/**
 * The `{origin}{prefix}/{uid}/{token}` link in a mail's text, split into its parts. The prefix is
 * `/auth/activate` or `/password-reset` with the default templates, else the path (even after a `#`)
 * that ACTIVATION_URL / PASSWORD_RESET_URL give.
 */
export function linkIn(mail: ReceivedMail, prefix: string): { url: string; uid: string; token: string } {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(https?://[^\\s/]+${escaped}/([A-Za-z0-9_-]+)/([0-9a-z]+-[0-9a-f]+))`).exec(mail.text);
  if (!match) throw new Error(`no ${prefix} link in mail: ${mail.text}`);
  return { url: match[1]!, uid: match[2]!, token: match[3]! };
}
