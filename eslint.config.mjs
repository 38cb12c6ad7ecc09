import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The layers of STYLE.md, as rules: app (pages, route handlers) → lib/http and lib/session (the
// pages' next-auth session) → the domain
// (lib/users, lib/hobbies, lib/matching, lib/telegram, lib/mail, lib/background …) → lib/auth
// → db. A rule that needs an exception says why next to it.
const layers = [
  {
    // The domain knows nothing of HTTP, sessions or the pages that use it.
    target: ["./lib/!(http|session)/**/*", "./lib/*.ts"],
    from: ["./app", "./lib/http", "./lib/session"],
    message: "Domain code must not import the HTTP layer, the session or app/: throw AppError (lib/errors) and let lib/http map it.",
  },
  {
    // lib/auth is the lower library (passwords, tokens, rate limits) the domain builds on.
    target: "./lib/auth",
    from: ["./lib/users", "./lib/hobbies", "./lib/matching", "./lib/telegram", "./lib/mail", "./lib/background", "./lib/import"],
    message: "lib/auth sits below the domain: move the flow that needs accounts into lib/users.",
  },
  {
    // db/ is the bottom: schema, migrations, client. It reads only the validated environment.
    target: "./db",
    from: "./lib",
    except: ["./env.ts"],
    message: "db/ imports nothing above it (only lib/env).",
  },
  { target: "./db", from: ["./app", "./components", "./inngest"], message: "db/ imports nothing above it." },
  { target: "./components", from: "./db", message: "Components never touch the database: pages and server actions call domain functions." },
  {
    // The engine is pure: instances in, groups out (bench and match:solve run it without a database).
    target: "./lib/matching/engine",
    from: ["./db", "./lib"],
    except: ["./matching/engine"],
    message: "The matching engine is pure: no database, no other lib module.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      // Dependencies are not parsed for import/no-cycle (one of PGlite's bundles overflows the parser).
      "import/ignore": ["node_modules"],
    },
    rules: {
      "import/no-restricted-paths": ["error", { zones: layers }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Test helpers read loosely typed JSON replies on purpose (`reply.body.user.id`).
    files: ["tests/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "db/migrations/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
