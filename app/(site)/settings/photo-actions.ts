"use server";

import { revalidatePath } from "next/cache";
import { DONE, formStateFromError, type FormState } from "@/lib/forms/form-state";
import { requireSignedInUser } from "@/lib/session";
import { removeProfilePhoto, setProfilePhoto } from "@/lib/users/photos";

const SETTINGS_PATH = "/settings";

/** The bytes of the form's file field; null when no file was chosen (browsers send an empty, nameless one). */
async function uploadedBytes(value: FormDataEntryValue | null): Promise<Uint8Array | null> {
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) return null;
  return new Uint8Array(await value.arrayBuffer());
}

/** Makes the uploaded file (field `photo`) the signed-in user's profile photo; the settings page shows it. */
export async function uploadPhotoAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await requireSignedInUser(SETTINGS_PATH);
  try {
    await setProfilePhoto({ userId: user.id, data: await uploadedBytes(form.get("photo")) });
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath(SETTINGS_PATH);
  return DONE;
}

/** Removes the signed-in user's profile photo. */
export async function removePhotoAction(_previous: FormState, _form: FormData): Promise<FormState> {
  const user = await requireSignedInUser(SETTINGS_PATH);
  try {
    await removeProfilePhoto({ userId: user.id });
  } catch (error) {
    return formStateFromError(error);
  }
  revalidatePath(SETTINGS_PATH);
  return DONE;
}
