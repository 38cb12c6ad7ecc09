import { z } from "zod";
import { passwordField } from "@/lib/users/schema";
import { text } from "@/lib/validation/fields";

/** `POST /api/token/`. The email is trimmed as DRF's CharField does (a keyboard's trailing space). */
export const tokenObtainSchema = z.object({ email: text(254, { blank: false }).transform((value) => value.trim()), password: passwordField });

/** `POST /api/token/refresh/` and `/blacklist/`: the token may instead come from the cookie. */
export const refreshBodySchema = z.object({ refresh: text(4096).optional() });

/** `POST /api/token/verify/`. */
export const verifyBodySchema = z.object({ token: text(4096, { blank: false }) });
