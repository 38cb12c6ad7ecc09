import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import Vk from "next-auth/providers/vk";
import Yandex from "next-auth/providers/yandex";
import { closeBrowserSession, openBrowserSession } from "@/lib/auth/browser-sessions";
import { providerProfileFrom, type Backend } from "@/lib/auth/oauth/providers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientIpFromHeaders } from "@/lib/http/request";
import { log } from "@/lib/log";
import { waitInWords } from "@/lib/format";
import { parseTelegramLogin, telegramAccount, verifyTelegramLogin } from "@/lib/telegram/sign-in";
import { checkCredentials } from "@/lib/users/login";
import { withSocialUser } from "@/lib/users/social-sign-in";

// next-auth is the web pages' session, on the same accounts as the JSON API: the same password check
// (argon2id, the pbkdf2 upgrade, the rate limits), the same Telegram verification and the same account
// creation path. It stores nothing of its own: the encrypted session cookie carries our user id and
// the id of a login session (lib/auth/browser-sessions.ts), which sign-out and "log out everywhere" revoke.

export const AUTH_BASE_PATH = "/api/next-auth";

/** A refused sign-in whose reason the login form shows (`code` is what the form reads). */
export class SignInRefused extends CredentialsSignin {
  constructor(
    code: "credentials" | "throttled" | "telegram" | "inactive",
    readonly russian: string,
  ) {
    super(russian);
    this.code = code;
  }
}

/** The refusal the form shows for a domain error (too many attempts, a disabled account), else `fallback`. */
function refusalFrom(error: unknown, fallback: SignInRefused): SignInRefused {
  if (!(error instanceof AppError)) throw error;
  if (error.kind === "throttled") {
    const wait = waitInWords(error.details.retryAfterSeconds ?? 60);
    return new SignInRefused("throttled", `Слишком много попыток входа. Попробуй снова через ${wait}.`);
  }
  if (error.details.code === "user_inactive") return new SignInRefused("inactive", "Эта учётная запись отключена");
  return fallback;
}

const passwordSignIn = Credentials({
  id: "credentials",
  credentials: { email: {}, password: {} },
  async authorize(credentials, request) {
    const { email, password } = credentials;
    if (typeof email !== "string" || typeof password !== "string" || !email || !password) {
      throw new SignInRefused("credentials", "Введи email и пароль");
    }
    const wrong = new SignInRefused("credentials", "Неверный email или пароль");
    try {
      const user = await checkCredentials({ email: email.trim(), password, ip: clientIpFromHeaders(request.headers) });
      if (!user) throw wrong;
      return { id: String(user.id) };
    } catch (error) {
      if (error instanceof SignInRefused) throw error;
      throw refusalFrom(error, wrong);
    }
  },
});

const telegramSignIn = Credentials({
  id: "telegram",
  credentials: { payload: {} },
  async authorize(credentials, request) {
    const refused = new SignInRefused("telegram", "Telegram не подтвердил вход или данные устарели. Попробуй ещё раз.");
    try {
      const login = parseTelegramLogin(JSON.parse(String(credentials.payload ?? "null")));
      await verifyTelegramLogin({ login, ip: clientIpFromHeaders(request.headers) });
      return { id: String(await telegramAccount({ login, currentUserId: null })) };
    } catch (error) {
      if (error instanceof SyntaxError) throw refused;
      throw refusalFrom(error, refused);
    }
  },
});

const OAUTH_BACKENDS: Record<string, Backend> = { google: "google-oauth2", yandex: "yandex-oauth2", vk: "vk-oauth2" };

const VK_API_VERSION = "5.199";

function withVkVersion(url: string): string {
  const withVersion = new URL(url);
  withVersion.searchParams.set("v", VK_API_VERSION);
  return withVersion.toString();
}

/** The OAuth providers whose client id and secret are configured, by next-auth provider id. */
export function configuredOAuthProviders() {
  return [
    env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET && Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }),
    env.AUTH_YANDEX_ID &&
      env.AUTH_YANDEX_SECRET &&
      Yandex({
        clientId: env.AUTH_YANDEX_ID,
        clientSecret: env.AUTH_YANDEX_SECRET,
        token: env.OAUTH_YANDEX_TOKEN_URL,
        userinfo: env.OAUTH_YANDEX_USERINFO_URL,
      }),
    env.AUTH_VK_ID &&
      env.AUTH_VK_SECRET &&
      Vk({
        clientId: env.AUTH_VK_ID,
        clientSecret: env.AUTH_VK_SECRET,
        token: withVkVersion(env.OAUTH_VK_TOKEN_URL),
        // An object, so next-auth's VK request (Bearer token, the user from `response[0]`) is kept.
        userinfo: { url: withVkVersion(env.OAUTH_VK_USERINFO_URL) },
      }),
  ].filter((provider) => !!provider);
}

/** Our account for an OAuth sign-in: linked by provider id, or by an email the provider vouches for, or created. */
async function userIdForOAuth(provider: string, userInfo: unknown): Promise<number> {
  const backend = OAUTH_BACKENDS[provider];
  if (!backend) throw new Error(`no backend for provider ${provider}`);
  const profile = providerProfileFrom({ backend, userInfo });
  return withSocialUser({
    backend,
    profile,
    then: async (_tx, user) => {
      if (!user.isActive) throw new SignInRefused("inactive", "Эта учётная запись отключена");
      return user.id;
    },
  });
}

declare module "next-auth" {
  interface Session {
    /** Our user id and login-session id; lib/session checks the session is still live on every read. */
    userId: number;
    sessionId: string;
  }
}

export const authConfig = {
  basePath: AUTH_BASE_PATH,
  secret: env.AUTH_SECRET,
  // Behind our own origin check (APP_URL, proxies): the Host header decides the callback URLs.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [passwordSignIn, telegramSignIn, ...configuredOAuthProviders()],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (!account) return token;
      const userId = account.type === "credentials" ? Number(user?.id) : await userIdForOAuth(account.provider, profile ?? {});
      return { userId, sessionId: await openBrowserSession({ userId }) };
    },
    session({ session, token }) {
      return { ...session, userId: Number(token.userId), sessionId: String(token.sessionId) };
    },
  },
  events: {
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sessionId : undefined;
      if (typeof sessionId === "string") await closeBrowserSession({ sessionId });
    },
  },
  logger: {
    // A wrong password is the person's mistake, not the server's: the form says it, the log does not.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      log.error("next-auth error", { name: error.name, message: error.message });
    },
    warn(code) {
      log.warn("next-auth warning", { code });
    },
  },
} satisfies NextAuthConfig;
