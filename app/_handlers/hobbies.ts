import { listAllHobbies, listUserHobbies } from "@/lib/hobbies/queries";
import { setUserHobbies } from "@/lib/hobbies/service";
import { requireUser } from "@/lib/http/auth";
import { readBody } from "@/lib/http/body";
import { json } from "@/lib/http/route";
import { parseWith } from "@/lib/validation/errors";
import { hobbySetSchema } from "@/lib/users/schema";

export async function myHobbyNames(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const hobbies = await listUserHobbies({ userId: user.id });
  return json(
    200,
    hobbies.map((hobby) => hobby.name),
  );
}

export async function replaceMyHobbies(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const { hobby } = parseWith(hobbySetSchema, await readBody(request));
  return json(200, await setUserHobbies({ userId: user.id, hobbyIds: hobby }));
}

export async function allHobbies(): Promise<Response> {
  return json(200, await listAllHobbies());
}

export async function hobbyTotals(request: Request): Promise<Response> {
  const user = await requireUser(request);
  const [userTags, allTags] = await Promise.all([listUserHobbies({ userId: user.id }), listAllHobbies()]);
  return json(200, { user_tags: userTags, all_tags: allTags });
}
