import http from "node:http";

// What only the HTTP server itself can do, installed into every server of the process at start
// (instrumentation.ts), before Next.js sees a request:
// - TRACE (and TRACK) cannot become a Fetch Request, so Next.js would answer a plain-text 500 before
//   any route or proxy: they get the contract's JSON 405 here.
// - On the JSON API, a method outside HTTP's standard set (PROPFIND …) would get Next.js's empty 400,
//   and a path whose percent-escapes do not decode (`%ZZ`, `%C0%AF`) its plain-text 500: they get the
//   contract's JSON 405 and a JSON 400 here (pages get theirs from proxy.ts).
// - The socket's peer address is written into PEER_ADDRESS_HEADER (replacing whatever a client sent
//   under that name): with no proxy in front (TRUSTED_PROXY_HOPS=0) it is the client's address, which
//   a Request does not otherwise carry.

export const PEER_ADDRESS_HEADER = "x-unimatch-peer-address";

const FORBIDDEN_BY_FETCH = new Set(["TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const STANDARD_METHODS = new Set(ALLOW.split(", "));
// The JSON API's prefixes (the activation page under /auth is a page).
const API_PATH = /^\/(api|users\/api|auth)(\/|$)(?!activate\/)/;

function undecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

function malformedPath(response: http.ServerResponse): void {
  const body = JSON.stringify({ detail: "Malformed percent-encoding in the request path.", error: "Некорректный адрес запроса" });
  response.writeHead(400, { "Content-Type": "application/json", Connection: "close", "X-Content-Type-Options": "nosniff" });
  response.end(body);
}

function refuse(response: http.ServerResponse, method: string): void {
  const body = JSON.stringify({ detail: `Method "${method}" not allowed.`, error: `Метод ${method} не поддерживается` });
  response.writeHead(405, { "Content-Type": "application/json", Allow: ALLOW, Connection: "close", "X-Content-Type-Options": "nosniff" });
  response.end(body);
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
function plainAddress(address: string | undefined): string {
  return (address ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}

let installed = false;

/** Installs the hooks into every HTTP server of this process (once). */
export function installServerHooks(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      const method = request.method ?? "";
      const path = (request.url ?? "").split("?")[0]!;
      const api = API_PATH.test(path);
      if (FORBIDDEN_BY_FETCH.has(method) || (api && !STANDARD_METHODS.has(method))) {
        refuse(response, method);
        return true;
      }
      if (api && undecodable(path)) {
        malformedPath(response);
        return true;
      }
      request.headers[PEER_ADDRESS_HEADER] = plainAddress(request.socket.remoteAddress);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
