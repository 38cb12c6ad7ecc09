// The one error type of the application. Domain code throws it to say what went wrong in words every
// layer understands (a kind, a sentence for people, DRF-style field messages); it knows nothing of
// HTTP. lib/http maps a kind to a status and builds the contract's body and headers from it.

export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "throttled"
  | "unavailable";

export interface ErrorDetails {
  /** Messages per field in Django REST framework's wording; `non_field_errors` for the payload as a whole. */
  fields?: Record<string, string[]>;
  /** A one-line English explanation (DRF's `detail`) for clients that read it. */
  detail?: string;
  /** A machine-readable reason, e.g. `user_inactive`. */
  code?: string;
  /** When trying again makes sense (throttling, an outage). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  /** `message` is one Russian sentence a person can act on. */
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function notFound(message = "Страница не найдена"): AppError {
  return new AppError("not_found", message, { detail: "Not found." });
}

export function permissionDenied(message = "Недостаточно прав для этого действия"): AppError {
  return new AppError("forbidden", message, { detail: "You do not have permission to perform this action." });
}

export function inactiveAccount(): AppError {
  return new AppError("unauthorized", "Учётная запись отключена", { detail: "User is inactive", code: "user_inactive" });
}

/** Too many attempts; `retryAfterSeconds` is rounded up to whole seconds (at least one). */
export function throttled(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError("throttled", `Слишком много попыток, повторите через ${seconds} с`, {
    detail: `Request was throttled. Expected available in ${seconds} seconds.`,
    retryAfterSeconds: seconds,
  });
}
