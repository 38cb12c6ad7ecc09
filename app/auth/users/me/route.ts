import { deleteMe } from "@/app/_handlers/djoser";
import { showMe, updateMe } from "@/app/_handlers/users";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: showMe(2),
  POST: showMe(2),
  PATCH: updateMe(2),
  PUT: updateMe(2),
  DELETE: deleteMe,
});
