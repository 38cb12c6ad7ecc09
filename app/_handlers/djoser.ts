import { requireUser } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/route";
import { parseWith } from "@/lib/validation/errors";
import {
  activationSchema,
  deleteMeSchema,
  djoserCreateSchema,
  emailSchema,
  resetConfirmSchema,
  setPasswordSchema,
} from "@/lib/users/djoser-schema";
import {
  activateAccount,
  confirmPasswordReset,
  requestPasswordReset,
  resendActivation,
  signUpWithActivation,
} from "@/lib/users/email-flows";
import { changePassword, deleteAccount } from "@/lib/users/password";

// djoser's email flows (API.md §5), shared by the `/auth/`, `/api/auth/` and `/users/api/auth/` routes.

const noContent = () => new Response(null, { status: 204 });

export async function createUser(request: Request): Promise<Response> {
  const input = parseWith(djoserCreateSchema, await readBody(request));
  const user = await signUpWithActivation({ input, ip: clientIp(request) });
  return json(201, { email: user.email, id: user.id });
}

export async function activate(request: Request): Promise<Response> {
  const { uid, token } = parseWith(activationSchema, await readBody(request));
  await activateAccount({ uid, token, ip: clientIp(request) });
  return noContent();
}

export async function resendActivationMail(request: Request): Promise<Response> {
  const { email } = parseWith(emailSchema, await readBody(request));
  await resendActivation({ email });
  return noContent();
}

export async function resetPassword(request: Request): Promise<Response> {
  const { email } = parseWith(emailSchema, await readBody(request));
  await requestPasswordReset({ email });
  return noContent();
}

export async function resetPasswordConfirm(request: Request): Promise<Response> {
  const input = parseWith(resetConfirmSchema, await readBody(request));
  await confirmPasswordReset({ input, ip: clientIp(request) });
  return noContent();
}

export async function setPassword(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const input = parseWith(setPasswordSchema, await readBody(request));
  await changePassword({ user, currentPassword: input.current_password, newPassword: input.new_password, ip: clientIp(request) });
  return noContent();
}

export async function deleteMe(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const { current_password } = parseWith(deleteMeSchema, await readBody(request));
  await deleteAccount({ user, currentPassword: current_password, ip: clientIp(request) });
  return noContent();
}
