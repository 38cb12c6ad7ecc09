// What a failed query says: a unique violation of a given constraint (a race the caller resolves),
// or a database that cannot be reached now (the HTTP layer answers 503 with Retry-After).

/** True when a driver error (postgres.js or PGlite, possibly wrapped by Drizzle) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name: constraintName, constraint: pgliteConstraint } = current as Record<string, unknown>;
    if (code === "23505")
      return constraintName === constraint || pgliteConstraint === constraint || String((current as Error).message).includes(constraint);
  }
  return false;
}

/** The connection guard's verdict: the server does not answer or refuses connections. */
export class DatabaseUnavailableError extends Error {
  readonly code = "DATABASE_UNAVAILABLE";
  constructor(reason: string) {
    super(`the database is unavailable: ${reason}`);
    this.name = "DatabaseUnavailableError";
  }
}

// postgres.js's connection errors, the sockets' own, and the server's "not now" SQLSTATEs:
// admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const UNAVAILABLE_CODES = new Set([
  "DATABASE_UNAVAILABLE",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** True when `error` (or an error it wraps, as Drizzle's query errors do) says the database cannot be reached now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  }
  return false;
}
