import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Cron } from "croner";
import { z } from "zod";

/** Parses lifetimes written as `30s`, `15m`, `12h`, `7d` (or plain seconds) into seconds. */
export function parseDuration(value: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return null;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const seconds = parseDuration(value);
      if (seconds === null || seconds <= 0) {
        ctx.addIssue({ code: "custom", message: `expected a duration like 30s, 15m, 7d; got "${value}"` });
        return z.NEVER;
      }
      return seconds;
    });

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : value === "true" || value === "1"));

function isValidCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LINK_PLACEHOLDERS = ["{uid}", "{token}"] as const;

/**
 * A mailed link's template (djoser's ACTIVATION_URL / PASSWORD_RESET_CONFIRM_URL, but absolute): an
 * http(s) URL containing `{uid}` and `{token}`. Unset → the default built from APP_URL after parsing.
 */
const linkTemplate = optionalText.superRefine((value, ctx) => {
  if (value === undefined) return;
  const missing = LINK_PLACEHOLDERS.filter((placeholder) => !value.includes(placeholder));
  if (missing.length > 0) ctx.addIssue({ code: "custom", message: `must contain ${missing.join(" and ")}; got "${value}"` });
  let url: URL | null = null;
  try {
    url = new URL(value.replaceAll("{uid}", "uid").replaceAll("{token}", "token"));
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    ctx.addIssue({
      code: "custom",
      message: `expected an absolute http(s) URL such as https://spa.example.com/#/activate/{uid}/{token}; got "${value}"`,
    });
  }
});

const S3_SETTINGS = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

const isProduction = process.env.NODE_ENV === "production";
// `next build` runs with NODE_ENV=production but must not need runtime secrets.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalText,
    DATA_DIR: z.string().default(".data"),
    APP_URL: z
      .url()
      // The port `npm run dev -- -p N` or PORT serves on, so mailed links work in development too.
      .default(`http://localhost:${process.env.PORT || 3000}`)
      .transform((url) => new URL(url).origin),
    ACTIVATION_URL: linkTemplate,
    PASSWORD_RESET_URL: linkTemplate,
    JWT_SECRET: optionalText,
    AUTH_SECRET: optionalText,
    ACCESS_TOKEN_TTL: duration("15m"),
    REFRESH_TOKEN_TTL: duration("7d"),
    REFRESH_REUSE_GRACE: duration("30s"),
    PASSWORD_RESET_TTL: duration("3d"),
    COOKIE_SECURE: flag(isProduction),
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((origin) => origin.trim().replace(/\/+$/, ""))
          .filter(Boolean),
      ),
    MATCH_SCHEDULE: z
      .string()
      .default("0 18 * * 1")
      .refine((pattern) => isValidCron(pattern), { error: "expected a cron pattern such as 0 18 * * 1" }),
    MATCH_TZ: z
      .string()
      .default("Asia/Yekaterinburg")
      .refine((zone) => isValidTimeZone(zone), { error: "expected an IANA time zone such as Asia/Yekaterinburg" }),
    TELEGRAM_BOT_TOKEN: optionalText,
    TELEGRAM_BOT_USERNAME: optionalText,
    TELEGRAM_WEBHOOK_SECRET: optionalText,
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    INNGEST_EVENT_KEY: optionalText,
    INNGEST_SIGNING_KEY: optionalText,
    INNGEST_DEV: optionalText,
    SMTP_URL: optionalText,
    MAIL_FROM: z.string().default("UniMatch <noreply@localhost>"),
    DJANGO_SECRET_KEY: optionalText,
    // Provider user-info endpoints for /auth/convert-token/ (tests point them at local stubs).
    OAUTH_GOOGLE_USERINFO_URL: z.url().default("https://openidconnect.googleapis.com/v1/userinfo"),
    OAUTH_YANDEX_USERINFO_URL: z.url().default("https://login.yandex.ru/info?format=json"),
    OAUTH_VK_USERINFO_URL: z.url().default("https://api.vk.com/method/users.get"),
    // Token endpoints of the browser sign-in (next-auth) for Yandex and VK (tests point them at stubs).
    OAUTH_YANDEX_TOKEN_URL: z.url().default("https://oauth.yandex.ru/token"),
    OAUTH_VK_TOKEN_URL: z.url().default("https://oauth.vk.com/access_token"),
    // Sign-in buttons on /login, each shown only when its client id and secret are set (next-auth OAuth).
    AUTH_GOOGLE_ID: optionalText,
    AUTH_GOOGLE_SECRET: optionalText,
    AUTH_YANDEX_ID: optionalText,
    AUTH_YANDEX_SECRET: optionalText,
    AUTH_VK_ID: optionalText,
    AUTH_VK_SECRET: optionalText,
    // An S3-compatible bucket for profile photos (path-style URLs: {S3_ENDPOINT}/{S3_BUCKET}/photos/…).
    S3_ENDPOINT: optionalText
      .pipe(z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://storage.yandexcloud.net" }).optional())
      .transform((url) => url?.replace(/\/+$/, "")),
    S3_BUCKET: optionalText,
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    S3_REGION: z.string().default("us-east-1"),
    // Sign-ups per client IP per hour on every sign-up path (a campus behind one NAT address shares it); 0 = no limit.
    SIGNUP_LIMIT_PER_IP: z.coerce.number().int().min(0).default(100),
    // 0: clients connect directly (npm start); N: N reverse proxies in front append to X-Forwarded-For.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  })
  .superRefine((values, ctx) => {
    // A half-configured bucket would silently keep photos in the database: all four or none.
    const given = S3_SETTINGS.filter((name) => values[name] !== undefined);
    if (given.length === 0 || given.length === S3_SETTINGS.length) return;
    for (const name of S3_SETTINGS.filter((name) => values[name] === undefined))
      ctx.addIssue({ code: "custom", path: [name], message: `must be set too when ${given.join(", ")} is set (photos go to S3)` });
  })
  .transform((values) => ({
    ...values,
    ACTIVATION_URL: values.ACTIVATION_URL ?? `${values.APP_URL}/auth/activate/{uid}/{token}`,
    PASSWORD_RESET_URL: values.PASSWORD_RESET_URL ?? `${values.APP_URL}/password-reset/{uid}/{token}`,
  }));

export type Env = z.infer<typeof schema> & { JWT_SECRET: string; AUTH_SECRET: string };

/** Secrets a developer never has to set: generated once and kept beside the embedded database. */
function developmentSecrets(dataDir: string): { JWT_SECRET: string; AUTH_SECRET: string } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = { JWT_SECRET: randomBytes(32).toString("hex"), AUTH_SECRET: randomBytes(32).toString("hex") };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function loadEnv(): Env {
  // An empty value (as in a copied .env.example) means "not set".
  const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  const values = parsed.data;
  if (values.JWT_SECRET && values.AUTH_SECRET) return { ...values, JWT_SECRET: values.JWT_SECRET, AUTH_SECRET: values.AUTH_SECRET };
  if (isBuild) return { ...values, JWT_SECRET: "unused-at-build-time", AUTH_SECRET: "unused-at-build-time" };
  if (isProduction) {
    const missing = ["JWT_SECRET", "AUTH_SECRET"].filter((name) => !values[name as "JWT_SECRET" | "AUTH_SECRET"]);
    throw new Error(`Invalid environment configuration: ${missing.join(", ")} must be set in production`);
  }
  const generated = developmentSecrets(values.DATA_DIR);
  return { ...values, JWT_SECRET: values.JWT_SECRET ?? generated.JWT_SECRET, AUTH_SECRET: values.AUTH_SECRET ?? generated.AUTH_SECRET };
}

export const env: Env = loadEnv();
