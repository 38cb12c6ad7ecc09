import type { NextConfig } from "next";

// The environment is validated by lib/env.ts when the server starts (instrumentation.ts imports it).
const nextConfig: NextConfig = {
  // The API answers `/path` and `/path/` alike, without redirects (existing clients use both).
  skipTrailingSlashRedirect: true,
  // Native and WebAssembly packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  // `npm run dev` prints http://localhost:3000, but people also open http://127.0.0.1:3000. Next
  // blocks its dev resources (the HMR socket among them) for origins not listed here: the page then
  // never connects, and the dev client reloads it again and again trying to.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
