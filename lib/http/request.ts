import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "./server-hooks";

/**
 * The client's address, the key of the per-IP rate limits. With no proxy in front
 * (TRUSTED_PROXY_HOPS=0, the default) it is the connection's peer address (server-hooks.ts); behind
 * proxies, the address the nearest trusted one saw: the TRUSTED_PROXY_HOPS-th X-Forwarded-For entry
 * from the right (each proxy appends the peer it saw; entries further left are the client's to invent).
 */
export function clientIp(request: Request): string {
  return clientIpFromHeaders(request.headers);
}

/** `clientIp` for code that has only the headers (server actions read them with next/headers). */
export function clientIpFromHeaders(headers: Headers): string {
  if (env.TRUSTED_PROXY_HOPS === 0) return (headers.get(PEER_ADDRESS_HEADER) || "unknown").slice(0, 64);
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const seen = hops[Math.max(0, hops.length - env.TRUSTED_PROXY_HOPS)];
  return (seen || "unknown").slice(0, 64);
}

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
