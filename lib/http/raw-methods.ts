import http from "node:http";

// TRACE (and TRACK) never reach a route or proxy.ts: the Fetch API cannot even build a Request for
// them, so Next.js answers a plain-text 500. This answers them at the HTTP server instead, with the
// contract's JSON 405, before Next sees them.

const FORBIDDEN_BY_FETCH = new Set(["TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

function body(method: string): string {
  return JSON.stringify({ detail: `Method "${method}" not allowed.`, error: `Метод ${method} не поддерживается` });
}

function refuse(response: http.ServerResponse, method: string): void {
  response.writeHead(405, { "Content-Type": "application/json", Allow: ALLOW, Connection: "close", "X-Content-Type-Options": "nosniff" });
  response.end(body(method));
}

let installed = false;

/** Makes every HTTP server of this process answer TRACE and TRACK with the JSON 405 (once per process). */
export function refuseMethodsFetchCannotCarry(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (FORBIDDEN_BY_FETCH.has(request.method ?? "")) {
        refuse(response, request.method!);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
