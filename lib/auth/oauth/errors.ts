import { AppError, type ErrorKind } from "@/lib/http/errors";

export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "temporarily_unavailable";

const KIND_BY_CODE: Record<OAuthErrorCode, ErrorKind> = {
  invalid_request: "bad_request",
  invalid_client: "unauthorized",
  invalid_grant: "bad_request",
  unsupported_grant_type: "bad_request",
  temporarily_unavailable: "unavailable",
};

/** An RFC 6749 error: `error` is the code, `error_description` the Russian sentence for people. */
export function oauthError(code: OAuthErrorCode, description: string): AppError {
  return new AppError(KIND_BY_CODE[code], { error: code, error_description: description });
}

export const invalidClient = () => oauthError("invalid_client", "Неизвестное приложение или неверный секрет приложения");
