import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, securityHeaders } from "./lib/http/security-headers";

const asHeaderList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));
import { PHOTO_MAX_BYTES } from "./lib/users/photo-format";

// The environment is validated by lib/env.ts when the server starts (instrumentation.ts imports it).
const nextConfig: NextConfig = {
  // The API answers `/path` and `/path/` alike, without redirects (existing clients use both).
  skipTrailingSlashRedirect: true,
  // No X-Powered-By: Next.js (proxy.ts sets the security headers).
  poweredByHeader: false,
  // Every answer's security headers (the pages get theirs, with the CSP nonce, from proxy.ts too);
  // HSTS is proxy.ts's, which knows whether the site is served over https.
  async headers() {
    const apiPolicy = { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY };
    return [
      { source: "/:path*", headers: asHeaderList(securityHeaders({ https: false })) },
      ...["/api/:path*", "/users/api/:path*", "/auth/:path((?!activate/).*)"].map((source) => ({ source, headers: [apiPolicy] })),
    ];
  },
  // Native and WebAssembly packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  // `npm run dev` prints http://localhost:3000, but people also open http://127.0.0.1:3000. Next
  // blocks its dev resources (the HMR socket among them) for origins not listed here: the page then
  // never connects, and the dev client reloads it again and again trying to.
  allowedDevOrigins: ["127.0.0.1"],
  experimental: {
    // Turbopack's persistent dev cache (on by default in Next 16.4) restores the app's shared chunk
    // list from the previous start; the first HMR subscription to it then answers "restart", which
    // the dev server counts as a client change: every page loading meanwhile gets "HMR hash
    // mismatch" and reloads, and each reload subscribes again. With two or more tabs open that never
    // ends (measured: / reloaded 15 times in 10 s in about one restart of three; none in 6 restarts
    // without the cache). A cold compile per start is the price. e2e/dev-server.spec.ts checks it.
    turbopackFileSystemCacheForDev: false,
    // Server actions take at most 1 MB by default; the profile photo form uploads up to
    // PHOTO_MAX_BYTES. The extra room lets a file slightly over the limit (and the multipart
    // framing) reach the action, which answers with the form's own Russian message; the form checks
    // the size in the browser before uploading anything larger.
    serverActions: { bodySizeLimit: PHOTO_MAX_BYTES + 1024 * 1024 },
  },
};

export default nextConfig;
