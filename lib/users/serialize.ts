import type { User } from "@/db/schema";
import type { HobbyRef } from "@/lib/hobbies/queries";
import { env } from "@/lib/env";
import { photoUrl } from "./photo-format";
import type { Profile } from "./queries";

/** Whole years since `birth` (ISO) on `today` (ISO). */
export function yearsBetween(birth: string, today: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Age from the birth date, else the age declared at sign-up, else null. */
export function ageOf(user: Pick<User, "birth" | "declaredAge">, today = new Date().toISOString().slice(0, 10)): number | null {
  return user.birth ? yearsBetween(user.birth, today) : user.declaredAge;
}

/** `YYYY-MM-DD` → generation 2's `DD-MM-YYYY`. */
export function toDmy(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}-${month}-${year}`;
}

function baseUser(user: User) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    age: ageOf(user),
    chat_id: user.chatId,
    // The photo's absolute URL (API.md §1), or null.
    image: photoUrl(user.image, env.APP_URL),
    tg_link: user.tgLink,
    is_active_pair: user.isActivePair,
  };
}

/** The user object of generation 2: `DD-MM-YYYY` birth, hobby ids. */
export function gen2User({ user, hobbies }: Profile) {
  const { id, first_name, last_name, email, age, chat_id, image, tg_link, is_active_pair } = baseUser(user);
  return {
    id,
    first_name,
    last_name,
    email,
    birth: user.birth ? toDmy(user.birth) : null,
    age,
    chat_id,
    image,
    hobby: hobbies.map((hobby) => hobby.id),
    tg_link,
    is_active_pair,
  };
}

/** The user object of generation 3: ISO birth, hobby objects. */
export function gen3User({ user, hobbies }: Profile) {
  const { id, first_name, last_name, email, age, chat_id, image, tg_link, is_active_pair } = baseUser(user);
  return {
    id,
    first_name,
    last_name,
    email,
    birth: user.birth,
    age,
    chat_id,
    image,
    hobby: hobbies.map((hobby: HobbyRef) => ({ id: hobby.id, name: hobby.name })),
    tg_link,
    is_active_pair,
  };
}

export type Generation = 2 | 3;

export function serializeUser(profile: Profile, generation: Generation) {
  return generation === 2 ? gen2User(profile) : gen3User(profile);
}

/** The session API's user (`GET /auth/me`): FastAPI-style `username` and `is_admin` beside the generation-2 keys. */
export function sessionUser(profile: Profile) {
  return { ...gen2User(profile), username: profile.user.email, is_admin: profile.user.isStaff, is_active: profile.user.isActive };
}
