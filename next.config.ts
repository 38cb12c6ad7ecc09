import type { NextConfig } from "next";

// The environment is validated by lib/env.ts when the server starts (instrumentation.ts imports it).
const nextConfig: NextConfig = {
  // The API answers `/path` and `/path/` alike, without redirects (existing clients use both).
  skipTrailingSlashRedirect: true,
  // Native and WebAssembly packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
};

export default nextConfig;
