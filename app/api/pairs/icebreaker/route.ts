import { icebreakerOfCurrentGroup } from "@/app/_handlers/matching";
import { route } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: icebreakerOfCurrentGroup });
