import { telegramAuth } from "@/app/_handlers/telegram";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: telegramAuth(2) });
