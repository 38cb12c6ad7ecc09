// The security headers of every answer, and the Content-Security-Policy of the pages: scripts only
// with this request's nonce (Next.js puts it on its own scripts; the Telegram Login Widget's script
// gets it too) and what those load ('strict-dynamic'); the widget's iframe; forms that post here or
// hand over to an OAuth provider or t.me; no framing by other sites.

export const NONCE_HEADER = "x-nonce";

const OAUTH_AND_TELEGRAM_TARGETS = [
  "https://oauth.yandex.ru",
  "https://oauth.vk.com",
  "https://id.vk.com",
  "https://accounts.google.com",
  "https://t.me",
];

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The Content-Security-Policy for a page rendered with `nonce`. Development adds what Next's dev client needs (eval, its socket). */
export function contentSecurityPolicy({ nonce, development }: { nonce: string; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' https://telegram.org${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://t.me https://telegram.org",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-src https://oauth.telegram.org",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${OAUTH_AND_TELEGRAM_TARGETS.join(" ")}`,
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** The policy of the JSON API's answers: nothing to run, nothing to frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries; HSTS only where the site is served over https. */
export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** The CSP nonce proxy.ts gave this page request (for a script the page renders itself), if any. */
export async function requestNonce(): Promise<string | undefined> {
  const { headers } = await import("next/headers");
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
