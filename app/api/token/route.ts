import { obtainTokens } from "@/app/_handlers/tokens";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: obtainTokens });
