import { env } from "@/lib/env";

/**
 * The client's address as the nearest trusted proxy saw it: the TRUSTED_PROXY_HOPS-th X-Forwarded-For
 * entry from the right (each proxy appends the peer it saw; entries further left are the client's to
 * invent). Next's server fills the header from the socket only when the request has none.
 */
export function clientIp(request: Request): string {
  return clientIpFromHeaders(request.headers);
}

/** `clientIp` for code that has only the headers (server actions read them with next/headers). */
export function clientIpFromHeaders(headers: Headers): string {
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
