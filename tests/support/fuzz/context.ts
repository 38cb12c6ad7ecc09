// The live state the fuzzer's requests refer to: a pool of accounts with their credentials, the staff
// account, an OAuth client, forged tokens and what earlier answers handed out (link codes, OAuth
// tokens, rotated refresh tokens). Requests are generated with symbolic references (json.ts `Ref`),
// resolved here when they are sent, so a generated request stays the same for a given seed while
// the credentials it names follow the run (rotation, password changes, revocation, deletion).
import { createHash, createHmac } from "node:crypto";
import { findUserById } from "@/lib/users/queries";
import { encodeUid, makeToken } from "@/lib/auth/django-tokens";
import { Concat, Entries, Raw, Ref, type Tree } from "./json";

export interface Account {
  id: number;
  email: string;
  password: string;
  access: string;
  refresh: string;
  legacyKey: string;
  /** The value of next-auth's session cookie. */
  session: string;
  oauthAccess: string;
  oauthRefresh: string;
  /** Set when an answer revoked or deleted something of this account; healed between batches. */
  dirty: boolean;
  deleted: boolean;
}

export interface FuzzFixtures {
  accounts: Account[];
  staff: Account;
  client: { clientId: string; clientSecret: string };
  hobbyIds: number[];
  /** JWTs and session cookies signed wrongly or carrying claims the app never issues. */
  forgedJwts: string[];
  forgedSessions: string[];
  /** Provider access tokens the fake Google / Yandex / VK accept. */
  providerTokens: string[];
  /** Telegram ids that recur, so widget logins also find existing accounts. */
  telegramIds: number[];
  botToken: string;
}

/** A Telegram Login Widget payload, signed when the request goes out (so `auth_date` is fresh). */
export class Widget {
  constructor(
    readonly fields: ReadonlyArray<readonly [string, Tree]>,
    /** Seconds subtracted from now for auth_date (negative: in the future). */
    readonly age: number,
    readonly hash: "sign" | "wrong" | "none" | "upper",
  ) {}
}

export type BodyTree = Tree | Widget;

const pick = <T>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

/** The account-bound reference names; the others name pools. */
export const ACCOUNT_REFS = [
  "email",
  "password",
  "access",
  "refresh",
  "legacyKey",
  "session",
  "oauthAccess",
  "oauthRefresh",
  "uid",
  "djangoToken",
  "id",
] as const;
/** References to the accounts signed up through djoser and not activated yet (they follow the principal too). */
const INACTIVE_REFS = ["inactiveUid", "inactiveToken", "inactiveEmail"];

export class FuzzContext {
  readonly accounts: Account[];
  readonly linkCodes: string[] = [];
  readonly staleRefresh: string[] = [];
  readonly oauthPairs: Array<{ access: string; refresh: string }> = [];
  readonly chatIds: string[] = [];
  /** Accounts the djoser sign-up created, waiting for activation. */
  readonly inactive: Array<{ id: number; email: string }> = [];

  constructor(readonly fixtures: FuzzFixtures) {
    this.accounts = [...fixtures.accounts];
  }

  account(index: number): Account {
    return this.accounts[index % this.accounts.length]!;
  }

  /**
   * Replaces every Ref, Concat and Widget in a tree by what it stands for now. With a `principal`,
   * every account reference names that account (so an email and its password belong together).
   */
  async resolve(tree: BodyTree, principal: number | null = null): Promise<Tree> {
    if (tree instanceof Ref) return this.value(tree, principal);
    if (tree instanceof Widget) return this.sign(tree, principal);
    if (tree instanceof Concat) {
      const parts = await Promise.all(tree.parts.map((part) => this.resolve(part, principal)));
      return parts
        .map((part) => (typeof part === "string" ? part : typeof part === "number" ? String(part) : JSON.stringify(part)))
        .join("");
    }
    if (tree instanceof Entries) {
      const entries: Array<[string, Tree]> = [];
      for (const [key, value] of tree.entries) entries.push([key, await this.resolve(value, principal)]);
      return new Entries(entries);
    }
    if (Array.isArray(tree)) return Promise.all(tree.map((item) => this.resolve(item, principal)));
    return tree;
  }

  /** The account a reference names in a request with this principal (undefined for pool references). */
  accountIndex(ref: Ref, principal: number | null): number | undefined {
    if (!(ACCOUNT_REFS as readonly string[]).includes(ref.name)) return undefined;
    return principal ?? ref.index;
  }

  private async value(ref: Ref, principal: number | null): Promise<Tree> {
    const account = this.account(this.accountIndex(ref, principal) ?? ref.index);
    const waiting = pick(this.inactive, INACTIVE_REFS.includes(ref.name) ? (principal ?? ref.index) : ref.index);
    const { fixtures } = this;
    switch (ref.name) {
      case "inactiveUid":
        return encodeUid(waiting?.id ?? account.id);
      case "inactiveEmail":
        return waiting?.email ?? account.email;
      case "inactiveToken": {
        const user = await findUserById({ userId: waiting?.id ?? account.id });
        return user ? makeToken(user) : "c0ffee-0123456789abcdef0123456789abcdef";
      }
      case "email":
        return account.email;
      case "emailShouted":
        return `  ${account.email.toUpperCase()} `;
      case "password":
        return account.password;
      case "access":
        return account.access;
      case "refresh":
        return account.refresh;
      case "legacyKey":
        return account.legacyKey;
      case "session":
        return account.session;
      case "oauthAccess":
        return pick(this.oauthPairs, ref.index)?.access ?? account.oauthAccess;
      case "oauthRefresh":
        return pick(this.oauthPairs, ref.index)?.refresh ?? account.oauthRefresh;
      case "id":
        return account.id;
      case "uid":
        return encodeUid(account.id);
      case "djangoToken": {
        const user = await findUserById({ userId: account.id });
        return user ? makeToken(user) : "c0ffee-0123456789abcdef0123456789abcdef";
      }
      case "staffAccess":
        return fixtures.staff.access;
      case "clientId":
        return fixtures.client.clientId;
      case "clientSecret":
        return fixtures.client.clientSecret;
      case "forgedJwt":
        return pick(fixtures.forgedJwts, ref.index)!;
      case "forgedSession":
        return pick(fixtures.forgedSessions, ref.index)!;
      case "staleRefresh":
        return pick(this.staleRefresh, ref.index) ?? account.refresh;
      case "linkCode":
        return pick(this.linkCodes, ref.index) ?? "no-code-issued-yet";
      case "providerToken":
        return pick(fixtures.providerTokens, ref.index)!;
      case "telegramId":
        return pick(fixtures.telegramIds, ref.index)!;
      case "chatId":
        return pick(this.chatIds, ref.index) ?? String(pick(fixtures.telegramIds, ref.index));
      case "hobbyId":
        return pick(fixtures.hobbyIds, ref.index)!;
      default:
        throw new Error(`unknown reference ${ref.name}`);
    }
  }

  private async sign(widget: Widget, principal: number | null): Promise<Tree> {
    const entries: Array<[string, Tree]> = [];
    for (const [key, value] of widget.fields) entries.push([key, await this.resolve(value, principal)]);
    entries.push(["auth_date", Math.floor(Date.now() / 1000) - widget.age]);
    if (widget.hash === "none") return new Entries(entries);
    // Telegram's data-check-string, computed here independently of the app: sorted `key=value` lines.
    const checkString = [...entries]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(
        ([key, value]) =>
          `${key}=${typeof value === "string" || typeof value === "number" ? value : value instanceof Raw ? value.text : JSON.stringify(value)}`,
      )
      .join("\n");
    const secret = createHash("sha256").update(this.fixtures.botToken).digest();
    let hash = createHmac("sha256", secret).update(checkString).digest("hex");
    if (widget.hash === "wrong") hash = hash.replace(/^./, (first) => (first === "0" ? "1" : "0"));
    if (widget.hash === "upper") hash = hash.toUpperCase();
    return new Entries([...entries, ["hash", hash]]);
  }

  /** Takes note of what an answer handed out or took away, so later requests can use or test it. */
  learn(answer: {
    route: string;
    method: string;
    status: number;
    body: any;
    authAccount?: number;
    bodyAccount?: number;
    sentPassword?: string;
  }): void {
    const { route, status, body } = answer;
    const byAuth = answer.authAccount === undefined ? undefined : this.account(answer.authAccount);
    const byBody = answer.bodyAccount === undefined ? undefined : this.account(answer.bodyAccount);
    if (status >= 200 && status < 300 && body && typeof body === "object") {
      if (typeof body.refresh === "string" && typeof body.access === "string") this.adoptJwtPair(body.access, body.refresh);
      if (typeof body.access_token === "string" && typeof body.refresh_token === "string" && body.token_type === "Bearer") {
        this.oauthPairs.push({ access: body.access_token, refresh: body.refresh_token });
        if (this.oauthPairs.length > 64) this.oauthPairs.shift();
      }
      if (route.includes("link-code") && typeof body.code === "string") this.linkCodes.push(body.code);
      if (body.user && typeof body.user.chat_id === "string") this.chatIds.push(body.user.chat_id);
      if (/\/users\/$/.test(route) && status === 201 && typeof body.id === "number") this.inactive.push({ id: body.id, email: body.email });
    }
    if (status === 204 || status === 200) {
      if (/set_password/.test(route) && status === 204 && byAuth && answer.sentPassword) {
        byAuth.password = answer.sentPassword;
        byAuth.dirty = true;
      }
      if (/reset_password_confirm/.test(route) && status === 204 && byBody && answer.sentPassword) {
        byBody.password = answer.sentPassword;
        byBody.dirty = true;
      }
      if (/users\/me/.test(route) && answer.method === "DELETE" && status === 204 && byAuth) byAuth.deleted = true;
      if (/\/auth\/revoke\/$|token\/logout|\/auth\/logout|blacklist/.test(route)) {
        for (const account of [byAuth, byBody]) if (account) account.dirty = true;
      }
    }
  }

  private adoptJwtPair(access: string, refresh: string): void {
    const userId = jwtUserId(refresh);
    const account = this.accounts.find((candidate) => candidate.id === userId);
    if (!account) return;
    this.staleRefresh.push(account.refresh);
    if (this.staleRefresh.length > 64) this.staleRefresh.shift();
    account.refresh = refresh;
    account.access = access;
  }
}

function jwtUserId(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof payload.user_id === "number" ? payload.user_id : null;
  } catch {
    return null;
  }
}
