import { databaseIsReachable } from "@/db/health";
import { json, route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: async () =>
    (await databaseIsReachable()) ? json(200, { status: "ok", db: "ok" }) : json(503, { status: "error", db: "unreachable" }),
});
