import { z } from "zod";
import { passwordField, text } from "@/lib/validation/fields";

/** `POST /api/token/`. The email is trimmed as DRF's CharField does (a keyboard's trailing space). */
export const tokenObtainSchema = z.object({
  email: text(254, { blank: false }).transform((value) => value.trim()),
  password: passwordField,
});

/** `POST /api/token/refresh/` and `/blacklist/`: the token may instead come from the cookie. */
export const refreshBodySchema = z.object({ refresh: text(4096).optional() });

/** `POST /api/token/verify/`. */
export const verifyBodySchema = z.object({ token: text(4096, { blank: false }) });

const optionalLogin = text(254)
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

/** djoser's answer for any missing or wrong credential on the token login. */
export const UNABLE_TO_LOG_IN = "Unable to log in with provided credentials.";

/**
 * djoser's `POST /auth/token/login/`: `email`, or `username` holding the email (older clients), and
 * `password`. A missing login or password is djoser's `non_field_errors`, as a wrong one is; only
 * malformed values (wrong types, NUL bytes, too long) are field errors.
 */
export const legacyLoginSchema = z
  .object({ email: optionalLogin, username: optionalLogin, password: passwordField.optional() })
  .transform((value, ctx) => {
    const login = value.email ?? value.username;
    if (login === undefined || value.password === undefined) {
      ctx.addIssue({ code: "custom", path: [], message: UNABLE_TO_LOG_IN });
      return z.NEVER;
    }
    return { email: login, password: value.password };
  });

/** `POST /auth/login` (FastAPI's OAuth2 password form): `username` is the email; other form fields are ignored. */
export const sessionLoginSchema = z.object({
  username: text(254, { blank: false }).transform((value) => value.trim()),
  password: passwordField,
});

/** `POST /auth/refresh` and `/auth/logout`: the refresh token may instead come from the cookie. */
export const sessionRefreshSchema = z.object({ refresh_token: text(4096).optional() });
