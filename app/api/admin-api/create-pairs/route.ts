import { createPairs } from "@/app/_handlers/rounds";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: createPairs });
