"use server";

import { revalidatePath } from "next/cache";
import { requireSignedInUser } from "@/lib/session";
import { updateProfile } from "@/lib/users/service";

/** Turns taking part in the weekly rounds on or off (the form's `participate` field: "on" or "off"). */
export async function setParticipationAction(form: FormData): Promise<void> {
  const user = await requireSignedInUser("/settings");
  await updateProfile({ userId: user.id, input: { is_active_pair: form.get("participate") === "on" } });
  revalidatePath("/", "layout");
}
