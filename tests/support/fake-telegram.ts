// A fake Telegram Bot API on 127.0.0.1 for tests: records every call and answers like Telegram.
// Point the app at it with TELEGRAM_API_ROOT (set before the app's modules load).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface BotApiCall {
  token: string;
  method: string;
  payload: Record<string, unknown>;
}

export type Responder = (call: BotApiCall) => { status: number; body: unknown } | undefined;

export interface FakeTelegram {
  apiRoot: string;
  calls: BotApiCall[];
  /** The sendMessage calls, in order. */
  sent(): Array<{ chatId: string; text: string }>;
  /** Overrides the answer for calls it returns a response for (e.g. a 429 with retry_after). */
  respondWith(responder: Responder | null): void;
  reset(): void;
  close(): Promise<void>;
}

/** A Telegram-shaped 429 answer. */
export function tooManyRequests(retryAfter: number) {
  return {
    status: 429,
    body: {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    },
  };
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: BotApiCall[] = [];
  let responder: Responder | null = null;
  let nextMessageId = 1;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const match = /^\/bot([^/]+)\/(\w+)/.exec(request.url ?? "");
      const raw = Buffer.concat(chunks).toString("utf8");
      let payload: Record<string, unknown> = {};
      try {
        payload = raw ? JSON.parse(raw) : {};
      } catch {
        payload = Object.fromEntries(new URLSearchParams(raw));
      }
      const call: BotApiCall = { token: match?.[1] ?? "", method: match?.[2] ?? "", payload };
      const override = responder?.(call);
      const answer = override ?? {
        status: 200,
        body: {
          ok: true,
          result:
            call.method === "sendMessage"
              ? {
                  message_id: nextMessageId++,
                  date: Math.floor(Date.now() / 1000),
                  chat: { id: Number(payload.chat_id), type: "private" },
                  text: payload.text,
                }
              : call.method === "getMe"
                ? { id: 1, is_bot: true, first_name: "UniMatch", username: "unimatch_test_bot" }
                : true,
        },
      };
      if (answer.status === 200) calls.push(call);
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    sent: () =>
      calls
        .filter((call) => call.method === "sendMessage")
        .map((call) => ({ chatId: String(call.payload.chat_id), text: String(call.payload.text) })),
    respondWith: (next) => void (responder = next),
    reset: () => {
      calls.length = 0;
      responder = null;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
