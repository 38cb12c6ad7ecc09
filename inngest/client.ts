import { Inngest } from "inngest";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// INNGEST_DEV is `1`/`true` or the Dev Server's URL; `0`/`false` mean off.
const devSetting = env.INNGEST_DEV && !["0", "false"].includes(env.INNGEST_DEV.toLowerCase()) ? env.INNGEST_DEV : undefined;
const devServerUrl = devSetting && /^https?:\/\//i.test(devSetting) ? devSetting : undefined;

function text(args: unknown[]): string {
  return args
    .map((arg) => {
      if (arg instanceof Error) return arg.stack ?? arg.message;
      if (typeof arg === "string") return arg;
      try {
        return JSON.stringify(arg);
      } catch {
        return String(arg);
      }
    })
    .join(" ");
}

/**
 * True when background jobs go through Inngest (an event key, a signing key or the dev flag is set);
 * otherwise round announcements are delivered in-process after the round commits.
 */
export function inngestConfigured(): boolean {
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY || devSetting);
}

/** The app's one Inngest client; configured from lib/env only. */
export const inngest = new Inngest({
  id: "unimatch",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  isDev: Boolean(devSetting),
  ...(devServerUrl ? { baseUrl: devServerUrl } : {}),
  // The SDK's own messages go through the app's JSON log (and its LOG_LEVEL).
  logger: {
    debug: (...args: unknown[]) => log.debug("inngest", { detail: text(args) }),
    info: (...args: unknown[]) => log.info("inngest", { detail: text(args) }),
    warn: (...args: unknown[]) => log.warn("inngest", { detail: text(args) }),
    error: (...args: unknown[]) => log.error("inngest", { detail: text(args) }),
  },
});
