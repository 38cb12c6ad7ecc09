"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revokeEverything } from "@/lib/auth/revoke";
import { formStateFromError, type FormState } from "@/lib/forms/form-state";
import { clientIpFromHeaders } from "@/lib/http/request";
import { requireSignedInUser, signOut } from "@/lib/session";
import { createLinkCode } from "@/lib/telegram/link-codes";
import { telegramBotUsername } from "@/lib/telegram/client";
import { deleteMeSchema, setPasswordSchema } from "@/lib/users/djoser-schema";
import { changePassword, deleteAccount } from "@/lib/users/password";
import { hobbyFormSchema, profileFormSchema } from "@/lib/users/schema";
import { updateProfile } from "@/lib/users/service";
import { parseWith } from "@/lib/validation/errors";

const field = (form: FormData, name: string) => form.get(name) ?? undefined;
const ip = async () => clientIpFromHeaders(await headers());

/** Names, birth date and Telegram @username. */
export async function saveProfileAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await requireSignedInUser("/settings");
  try {
    const input = parseWith(
      profileFormSchema,
      Object.fromEntries(["first_name", "last_name", "birth", "tg_link"].map((name) => [name, field(form, name)])),
    );
    await updateProfile({ userId: user.id, input });
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath("/", "layout");
  return { status: "done", message: "Профиль сохранён" };
}

/** The complete new set of hobbies (1–10). */
export async function saveHobbiesAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await requireSignedInUser("/hobbies");
  try {
    const hobby = form.getAll("hobby").map((id) => (/^\d{1,10}$/.test(String(id)) ? Number(id) : String(id)));
    await updateProfile({ userId: user.id, input: parseWith(hobbyFormSchema, { hobby }) });
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath("/", "layout");
  return { status: "done", message: "Хобби сохранены — следующая пара подберётся по ним" };
}

/** djoser's set_password: the current password, then the new one twice. */
export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await requireSignedInUser("/settings");
  try {
    const input = parseWith(
      setPasswordSchema,
      Object.fromEntries(["current_password", "new_password", "re_new_password"].map((name) => [name, field(form, name)])),
    );
    await changePassword({ user, currentPassword: input.current_password, newPassword: input.new_password, ip: await ip() });
  } catch (error) {
    return formStateFromError(error);
  }
  return { status: "done", message: "Пароль изменён" };
}

/** "Log out everywhere": every session of the account (browsers, apps, API tokens) ends, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireSignedInUser("/settings");
  await revokeEverything({ userId: user.id });
  await signOut({ redirect: false });
  redirect("/login?signed_out=everywhere");
}

/** djoser's `DELETE /auth/users/me/`: the current password confirms it, then the account and all of its data go. */
export async function deleteAccountAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await requireSignedInUser("/settings");
  try {
    const input = parseWith(deleteMeSchema, { current_password: field(form, "current_password") });
    await deleteAccount({ user, currentPassword: input.current_password, ip: await ip() });
  } catch (error) {
    return formStateFromError(error);
  }
  await signOut({ redirect: false });
  redirect("/?account=deleted");
}

/** A one-time `t.me/<bot>?start=<code>` link that links the bot's chat to this account. */
export async function telegramLinkAction(): Promise<void> {
  const user = await requireSignedInUser("/settings");
  const bot = telegramBotUsername();
  if (!bot) redirect("/settings");
  const { code } = await createLinkCode({ userId: user.id });
  redirect(`https://t.me/${encodeURIComponent(bot)}?start=${code}`);
}
