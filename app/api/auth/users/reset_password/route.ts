import { resetPassword } from "@/app/_handlers/djoser";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: resetPassword });
