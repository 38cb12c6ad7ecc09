import postgres from "postgres";
import { parseDate } from "@/lib/validation/fields";

// Reads the Django deployment's tables (users app). Optional columns are probed in
// information_schema, because the deployment's schema changed over time (age, birth, tg_link …).

export interface SourceUser {
  id: number;
  email: string | null;
  password: string;
  firstName: string;
  lastName: string;
  birth: string | null;
  age: number | null;
  tgLink: string | null;
  chatId: string | null;
  image: string | null;
  isActive: boolean;
  isStaff: boolean;
  isActivePair: boolean;
  lastLogin: Date | null;
  dateJoined: Date | null;
}

export interface SourcePair {
  id: number;
  user1Id: number;
  user2Id: number;
  createdAt: Date;
  isArchived: boolean;
}

export interface SourceData {
  users: SourceUser[];
  hobbies: Array<{ id: number; name: string }>;
  userHobbies: Array<{ userId: number; hobbyId: number }>;
  pairs: SourcePair[];
  /** What the source lacked (optional tables or columns), for the report. */
  missing: string[];
}

const USER_COLUMNS = [
  "id",
  "email",
  "password",
  "first_name",
  "last_name",
  "birth",
  "age",
  "tg_link",
  "chat_id",
  "image",
  "is_active",
  "is_staff",
  "is_active_pair",
  "last_login",
  "date_joined",
];
const REQUIRED_USER_COLUMNS = ["id", "email", "password"];

type Row = Record<string, unknown>;

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function isoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return typeof value === "string" ? parseDate(value.trim()) : null;
}

function toUser(row: Row): SourceUser {
  return {
    id: Number(row.id),
    email: str(row.email)?.trim() || null,
    password: str(row.password) ?? "",
    firstName: str(row.first_name) ?? "",
    lastName: str(row.last_name) ?? "",
    birth: isoDate(row.birth),
    age: row.age === null || row.age === undefined ? null : Number(row.age),
    tgLink: str(row.tg_link)?.trim() || null,
    chatId: str(row.chat_id)?.trim() || null,
    image: str(row.image)?.trim() || null,
    isActive: row.is_active === undefined ? true : row.is_active === true,
    isStaff: row.is_staff === true,
    isActivePair: row.is_active_pair === undefined ? true : row.is_active_pair !== false,
    lastLogin: row.last_login instanceof Date ? row.last_login : null,
    dateJoined: row.date_joined instanceof Date ? row.date_joined : null,
  };
}

/** Every row the import needs, read in one repeatable-read snapshot of the source database. */
export async function readDjangoSource(sourceUrl: string): Promise<SourceData> {
  const sql = postgres(sourceUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await sql.begin("isolation level repeatable read read only", async (tx) => {
      const columns = await tx<{ table_name: string; column_name: string; data_type: string }[]>`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema()
          and table_name in ('users_customuser', 'users_hobbymodel', 'users_customuser_hobby', 'users_pairsmodel')`;
      const has = (table: string, column?: string) => columns.some((c) => c.table_name === table && (!column || c.column_name === column));
      const missing: string[] = [];
      for (const column of REQUIRED_USER_COLUMNS) {
        if (!has("users_customuser", column))
          throw new Error(`the source has no users_customuser.${column}: is this the UniMatch Django database?`);
      }
      const userColumns = USER_COLUMNS.filter((column) => has("users_customuser", column));
      missing.push(...USER_COLUMNS.filter((column) => !userColumns.includes(column)).map((column) => `users_customuser.${column}`));
      // Identifiers come from the fixed list above, never from the source.
      const users = (await tx.unsafe(`select ${userColumns.map((c) => `"${c}"`).join(", ")} from users_customuser order by id`)) as Row[];

      const hobbies = has("users_hobbymodel", "name")
        ? ((await tx.unsafe("select id, name from users_hobbymodel order by id")) as Row[])
        : [];
      if (!has("users_hobbymodel", "name")) missing.push("users_hobbymodel");
      const links = has("users_customuser_hobby", "hobbymodel_id")
        ? ((await tx.unsafe(
            "select customuser_id, hobbymodel_id from users_customuser_hobby order by customuser_id, hobbymodel_id",
          )) as Row[])
        : [];
      if (!has("users_customuser_hobby")) missing.push("users_customuser_hobby");

      let pairs: Row[] = [];
      if (has("users_pairsmodel", "user1_id") && has("users_pairsmodel", "user2_id") && has("users_pairsmodel", "created_at")) {
        const createdType = columns.find((c) => c.table_name === "users_pairsmodel" && c.column_name === "created_at")?.data_type;
        // A date-only created_at is taken as the end of that day, so it lands in that week's slot.
        const created =
          createdType === "date" ? "(created_at::timestamp + interval '1 day' - interval '1 second')::timestamptz" : "created_at";
        const archived = has("users_pairsmodel", "is_archived") ? "is_archived" : "false";
        pairs = (await tx.unsafe(
          `select id, user1_id, user2_id, ${created} as created_at, ${archived} as is_archived from users_pairsmodel order by created_at, id`,
        )) as Row[];
        if (!has("users_pairsmodel", "is_archived")) missing.push("users_pairsmodel.is_archived");
      } else missing.push("users_pairsmodel");

      return {
        users: users.map(toUser),
        hobbies: hobbies.map((row) => ({ id: Number(row.id), name: String(row.name).trim() })).filter((hobby) => hobby.name !== ""),
        userHobbies: links.map((row) => ({ userId: Number(row.customuser_id), hobbyId: Number(row.hobbymodel_id) })),
        pairs: pairs.map((row) => ({
          id: Number(row.id),
          user1Id: Number(row.user1_id),
          user2Id: Number(row.user2_id),
          createdAt: row.created_at as Date,
          isArchived: row.is_archived === true,
        })),
        missing,
      };
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
