/** A JSON error body: DRF-style keys for older clients plus a Russian `error` sentence. */
export type ErrorBody = Record<string, unknown>;

const STATUS_BY_KIND = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  throttled: 429,
  unavailable: 503,
} as const;
export type ErrorKind = keyof typeof STATUS_BY_KIND;

/** The one error type domain code and handlers throw; `lib/http/route` turns it into the response. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === "string" ? body.detail : kind);
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export const NOT_AUTHENTICATED_RU = "Необходимо пройти авторизацию";

export function badRequest(fields: Record<string, string[]>, error: string): AppError {
  return new AppError("bad_request", { ...fields, error });
}

export function notAuthenticated(): AppError {
  return new AppError(
    "unauthorized",
    { detail: "Authentication credentials were not provided.", error: NOT_AUTHENTICATED_RU },
    { "WWW-Authenticate": 'Bearer realm="api"' },
  );
}

/** simplejwt's answer for a bad, expired or wrong-type JWT. */
export function tokenNotValid(tokenClass: "AccessToken" | "RefreshToken" = "AccessToken"): AppError {
  const tokenType = tokenClass === "AccessToken" ? "access" : "refresh";
  return new AppError(
    "unauthorized",
    {
      detail: "Given token not valid for any token type",
      code: "token_not_valid",
      messages: [{ token_class: tokenClass, token_type: tokenType, message: "Token is invalid or expired" }],
      error: NOT_AUTHENTICATED_RU,
    },
    { "WWW-Authenticate": 'Bearer realm="api"' },
  );
}

/** The refresh/verify endpoints' shorter simplejwt body. */
export function refreshRejected(detail: "Token is blacklisted" | "Token is invalid or expired"): AppError {
  return new AppError(
    "unauthorized",
    { detail, code: "token_not_valid", error: NOT_AUTHENTICATED_RU },
    { "WWW-Authenticate": 'Bearer realm="api"' },
  );
}

export function invalidLegacyKey(): AppError {
  return new AppError("unauthorized", { detail: "Invalid token.", error: NOT_AUTHENTICATED_RU }, { "WWW-Authenticate": 'Bearer realm="api"' });
}

export function permissionDenied(error = "Недостаточно прав для этого действия"): AppError {
  return new AppError("forbidden", { detail: "You do not have permission to perform this action.", error });
}

export function notFound(error = "Страница не найдена"): AppError {
  return new AppError("not_found", { detail: "Not found.", error });
}

export function methodNotAllowed(method: string, allowed: string[]): AppError {
  return new AppError(
    "method_not_allowed",
    { detail: `Method "${method}" not allowed.`, error: `Метод ${method} не поддерживается` },
    { Allow: allowed.join(", ") },
  );
}

export function throttled(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    "throttled",
    {
      detail: `Request was throttled. Expected available in ${seconds} seconds.`,
      error: `Слишком много попыток, повторите через ${seconds} с`,
    },
    { "Retry-After": String(seconds) },
  );
}
