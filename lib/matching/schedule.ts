import { Cron } from "croner";
import { env } from "@/lib/env";

// The one place that knows when rounds happen: the weekly round, `days-to-match` and the CLI all ask here.

// Built once: parsing the pattern and the time-zone data is the expensive part, and both are fixed per process.
let matchSchedule: Cron | null = null;
function schedule(): Cron {
  matchSchedule ??= new Cron(env.MATCH_SCHEDULE, { timezone: env.MATCH_TZ, paused: true });
  return matchSchedule;
}

/** The first scheduled slot strictly after `now`. */
export function nextSlot(now: Date = new Date()): Date {
  const next = schedule().nextRun(now);
  if (!next) throw new Error(`MATCH_SCHEDULE "${env.MATCH_SCHEDULE}" has no future slot`);
  return next;
}

/** The latest scheduled slot at or before `now`: the slot a round started now belongs to. */
export function currentSlot(now: Date = new Date()): Date {
  const cron = schedule();
  const atOrAfter = cron.nextRun(new Date(now.getTime() - 1000));
  if (atOrAfter && atOrAfter.getTime() <= now.getTime()) return atOrAfter;
  const [previous] = cron.previousRuns(1, now);
  if (!previous) throw new Error(`MATCH_SCHEDULE "${env.MATCH_SCHEDULE}" has no past slot`);
  return previous;
}

// One formatter for the process: constructing an Intl.DateTimeFormat costs far more than using it,
// and every pair entry of every pairs read formats a date.
let zonedFormat: Intl.DateTimeFormat | null = null;
function zonedParts(date: Date): Record<string, string> {
  zonedFormat ??= new Intl.DateTimeFormat("en-CA", {
    timeZone: env.MATCH_TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(zonedFormat.formatToParts(date).map((part) => [part.type, part.value]));
}

/** `YYYY-MM-DD` of an instant in the match time zone. */
export function zonedDate(date: Date): string {
  const { year, month, day } = zonedParts(date);
  return `${year}-${month}-${day}`;
}

/** `YYYY-MM-DD HH:MM:SS` of an instant in the match time zone. */
export function zonedDateTime(date: Date): string {
  const { year, month, day, hour, minute, second } = zonedParts(date);
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** Whole days, then remaining whole hours and minutes, until the next round. */
export function countdownToNextRound(now: Date = new Date()) {
  const next = nextSlot(now);
  const totalMinutes = Math.floor((next.getTime() - now.getTime()) / 60_000);
  return {
    days_left: Math.floor(totalMinutes / 1440),
    hours_left: Math.floor((totalMinutes % 1440) / 60),
    minutes_left: totalMinutes % 60,
    next_match_at: zonedDateTime(next),
  };
}

// Built once, like zonedFormat: the round's moment as a student reads it.
let wordsFormat: { day: Intl.DateTimeFormat; zone: Intl.DateTimeFormat } | null = null;

/**
 * A round's moment in words, with its time zone: `понедельник, 30 ноября, 18:00` and
 * `Екатеринбург, UTC+5`, so nobody has to guess whose 18:00 it is.
 */
export function roundTimeInWords(date: Date): { when: string; zone: string } {
  wordsFormat ??= {
    day: new Intl.DateTimeFormat("ru-RU", {
      timeZone: env.MATCH_TZ,
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }),
    zone: new Intl.DateTimeFormat("ru-RU", { timeZone: env.MATCH_TZ, timeZoneName: "long" }),
  };
  const parts = Object.fromEntries(wordsFormat.day.formatToParts(date).map((part) => [part.type, part.value]));
  const zoneName = wordsFormat.zone.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? env.MATCH_TZ;
  const place = zoneName.split(",")[0]!;
  return { when: `${parts.weekday}, ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute}`, zone: `${place}, ${utcOffset(date)}` };
}

/** `UTC+5`, `UTC−3:30`, `UTC` for the match time zone at `date`. */
function utcOffset(date: Date): string {
  const { year, month, day, hour, minute, second } = zonedParts(date);
  const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const minutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "−";
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}
