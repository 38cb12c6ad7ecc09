import { userByChatId } from "@/app/_handlers/users";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: userByChatId });
