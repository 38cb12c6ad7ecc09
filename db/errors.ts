/** True when a driver error (postgres.js or PGlite, possibly wrapped by Drizzle) is a unique violation of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name: constraintName, constraint: pgliteConstraint } = current as Record<string, unknown>;
    if (code === "23505")
      return constraintName === constraint || pgliteConstraint === constraint || String((current as Error).message).includes(constraint);
  }
  return false;
}
