import { AppError, type ErrorKind } from "@/lib/errors";

export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "temporarily_unavailable";

const KIND_BY_CODE: Record<OAuthErrorCode, ErrorKind> = {
  invalid_request: "bad_request",
  invalid_client: "unauthorized",
  invalid_grant: "bad_request",
  unsupported_grant_type: "bad_request",
  temporarily_unavailable: "unavailable",
};

/** An RFC 6749 error: its code is for programs, its message the Russian sentence for people. */
export class OAuthError extends AppError {
  constructor(
    readonly oauthCode: OAuthErrorCode,
    description: string,
  ) {
    super(KIND_BY_CODE[oauthCode], description);
  }
}

export function oauthError(code: OAuthErrorCode, description: string): OAuthError {
  return new OAuthError(code, description);
}

export const invalidClient = () => oauthError("invalid_client", "Неизвестное приложение или неверный секрет приложения");
