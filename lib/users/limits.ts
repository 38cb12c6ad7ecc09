// How many hobbies a student picks on the site: plain numbers, so the picker's script needs no zod.
export const HOBBIES_MIN = 1;
export const HOBBIES_MAX = 10;
