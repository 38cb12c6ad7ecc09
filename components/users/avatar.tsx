/* eslint-disable @next/next/no-img-element -- a 256 px WebP we already resized: next/image would only resize it again */

import { photoUrl } from "@/lib/users/photo-format";

const SIZES = { sm: "size-9 text-sm", md: "size-14 text-lg", lg: "size-20 text-2xl" } as const;

function initials(firstName: string, lastName: string): string {
  const letters = `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toUpperCase();
  return letters || "?";
}

/** A student's photo, or their initials on a coloured circle when they have none. */
export function Avatar({
  firstName,
  lastName,
  image,
  size = "md",
}: {
  firstName: string;
  lastName: string;
  image: string | null;
  size?: keyof typeof SIZES;
}) {
  const src = photoUrl(image, "");
  if (src) return <img src={src} alt="" className={`${SIZES[size]} shrink-0 rounded-full object-cover`} />;
  return (
    <span
      aria-hidden="true"
      className={`${SIZES[size]} inline-flex shrink-0 items-center justify-center rounded-full bg-brand-light font-semibold text-brand-dark`}
    >
      {initials(firstName, lastName)}
    </span>
  );
}

/** "Имя Фамилия", or a fallback for accounts that told us no name. */
export function displayName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim() || "Без имени";
}
