import { legacyLogout } from "@/app/_handlers/legacy-keys";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: legacyLogout });
