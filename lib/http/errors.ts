import { OAuthError } from "@/lib/auth/oauth/errors";
import { AppError, type ErrorKind } from "@/lib/errors";

// Maps the application's errors to the contract (API.md §0): a status per kind, and a JSON body that
// carries DRF's keys for older clients plus one Russian `error` sentence. The errors that only the
// HTTP layer raises (simplejwt's token answers, 405, 413 …) carry their exact body as HttpError.

/** A JSON error body: DRF-style keys for older clients plus a Russian `error` sentence. */
export type ErrorBody = Record<string, unknown>;

const STATUS_BY_KIND: Record<ErrorKind, number> = {
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
};

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="api"' };

/** An error of the HTTP layer itself, with the contract's exact body and headers. */
export class HttpError extends AppError {
  constructor(
    kind: ErrorKind,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(kind, typeof body.error === "string" ? body.error : kind);
  }
}

export interface ErrorResponseParts {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** The status, JSON body and headers the contract gives an application error. */
export function errorResponseParts(error: AppError): ErrorResponseParts {
  const status = STATUS_BY_KIND[error.kind];
  if (error instanceof HttpError) return { status, body: error.body, headers: error.headers };
  // RFC 6749 §5.2: the OAuth endpoints answer `error` (the code) and `error_description`.
  if (error instanceof OAuthError) return { status, body: { error: error.oauthCode, error_description: error.message }, headers: {} };
  const { fields, detail, code, retryAfterSeconds } = error.details;
  const body: ErrorBody = { ...fields };
  if (detail !== undefined) body.detail = detail;
  if (code !== undefined) body.code = code;
  body.error = error.message;
  const headers: Record<string, string> = error.kind === "unauthorized" ? { ...CHALLENGE } : {};
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  return { status, body, headers };
}

export const NOT_AUTHENTICATED_RU = "Необходимо пройти авторизацию";

export function notAuthenticated(): HttpError {
  return new HttpError("unauthorized", { detail: "Authentication credentials were not provided.", error: NOT_AUTHENTICATED_RU }, CHALLENGE);
}

/** simplejwt's answer for a bad, expired or wrong-type JWT. */
export function tokenNotValid(tokenClass: "AccessToken" | "RefreshToken" = "AccessToken"): HttpError {
  const tokenType = tokenClass === "AccessToken" ? "access" : "refresh";
  return new HttpError(
    "unauthorized",
    {
      detail: "Given token not valid for any token type",
      code: "token_not_valid",
      messages: [{ token_class: tokenClass, token_type: tokenType, message: "Token is invalid or expired" }],
      error: NOT_AUTHENTICATED_RU,
    },
    CHALLENGE,
  );
}

/** The refresh/verify endpoints' shorter simplejwt body. */
export function refreshRejected(detail: "Token is blacklisted" | "Token is invalid or expired"): HttpError {
  return new HttpError("unauthorized", { detail, code: "token_not_valid", error: NOT_AUTHENTICATED_RU }, CHALLENGE);
}

export function invalidLegacyKey(): HttpError {
  return new HttpError("unauthorized", { detail: "Invalid token.", error: NOT_AUTHENTICATED_RU }, CHALLENGE);
}

export function methodNotAllowed(method: string, allowed: string[]): HttpError {
  return new HttpError(
    "method_not_allowed",
    { detail: `Method "${method}" not allowed.`, error: `Метод ${method} не поддерживается` },
    { Allow: allowed.join(", ") },
  );
}
