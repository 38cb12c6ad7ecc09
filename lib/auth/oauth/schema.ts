import { z } from "zod";
import { passwordField, REQUIRED, text } from "@/lib/validation/fields";
import { oauthError } from "./errors";
import { BACKENDS } from "./providers";

// The OAuth endpoints' payloads (API.md §6). Their errors are RFC 6749 `invalid_request`, not DRF field errors.

const MISSING = "missing";
const UNKNOWN_BACKEND = "unknown_backend";

/** A protocol parameter: printable ASCII without spaces (it may travel on to a provider's header). */
function param(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? MISSING : "invalid") })
    .min(1, { error: MISSING })
    .max(max, { error: "invalid" })
    .regex(/^[\x21-\x7e]+$/, { error: "invalid" });
}

const client = { client_id: param(100), client_secret: param(255) };

export const grantTypeSchema = z.object({ grant_type: param(64) });

/** `grant_type=convert_token`: exchange a provider's access token for ours. */
export const convertTokenSchema = z.object({
  ...client,
  backend: z.enum(BACKENDS, { error: (issue) => (issue.input === undefined || issue.input === "" ? MISSING : UNKNOWN_BACKEND) }),
  token: param(4096),
});

/** `grant_type=refresh_token`. */
export const refreshGrantSchema = z.object({ ...client, refresh_token: param(255) });

/** `grant_type=password`: `username` is the email. */
export const passwordGrantSchema = z.object({
  ...client,
  username: text(254, { blank: false }).transform((value) => value.trim()),
  password: passwordField,
});

/** `POST /auth/revoke-token/` (RFC 7009): an access or refresh token of the client. */
export const revokeTokenSchema = z.object({ ...client, token: param(255), token_type_hint: param(64).optional() });

/** Validates an OAuth request; the first problem becomes a 400 `invalid_request` naming the parameter. */
export function parseOAuth<Schema extends z.ZodType>(schema: Schema, data: unknown): z.output<Schema> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  if (issue.message === UNKNOWN_BACKEND) throw oauthError("invalid_request", "Неподдерживаемый провайдер входа");
  if (issue.message === MISSING || issue.message === REQUIRED) throw oauthError("invalid_request", `Не указан параметр «${field}»`);
  throw oauthError("invalid_request", `Некорректное значение параметра «${field}»`);
}
