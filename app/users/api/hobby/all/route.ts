import { allHobbies } from "@/app/_handlers/hobbies";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: allHobbies });
