import { sessionLogin } from "@/app/_handlers/session";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: sessionLogin });
