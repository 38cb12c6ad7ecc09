import { env } from "@/lib/env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

function enabled(level: Level): boolean {
  return LEVELS[level] >= LEVELS[env.LOG_LEVEL];
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (!enabled(level)) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

/** One-line JSON logs. Never pass passwords, tokens or keys in `fields`. */
export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
  /** Whether LOG_LEVEL lets `level` through (for output that is not a log line, e.g. a development-only block). */
  enabled,
};
