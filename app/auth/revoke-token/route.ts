import { revokeTokenEndpoint } from "@/app/_handlers/oauth";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: revokeTokenEndpoint });
