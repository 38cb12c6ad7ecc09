import { json, route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: async () => json(200, openApiDocument()) });
