// Fake user-info endpoints of Google, Yandex and VK on 127.0.0.1, answering in each provider's real
// shape for the tokens a test registers; any other token gets the provider's real rejection.
// Point the app at them with OAUTH_{GOOGLE,YANDEX,VK}_USERINFO_URL before the app's modules load.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ProviderName = "google" | "yandex" | "vk";

export interface ProviderCall {
  provider: ProviderName;
  method: string;
  url: string;
  authorization: string | undefined;
  /** The urlencoded body (VK sends its parameters there). */
  form: Record<string, string>;
}

export interface FakeProviders {
  urls: Record<ProviderName, string>;
  /** The token endpoints of the browser sign-in (authorization-code exchange). */
  tokenUrls: Record<"yandex" | "vk", string>;
  calls: ProviderCall[];
  /** Makes `token` valid at `provider`, answering with `profile` (the provider's own JSON user object). */
  accept(provider: ProviderName, token: string, profile: Record<string, unknown>): void;
  /** The email VK's token answer carries (VK hands it out with the token, unverified). */
  vkTokenEmail(email: string | undefined): void;
  /** Makes every answer of `provider` this status (e.g. 500), until cleared with null. */
  failWith(provider: ProviderName, status: number | null): void;
  close(): Promise<void>;
}

// How each provider refuses a token it does not know.
const REJECTIONS: Record<ProviderName, { status: number; body: unknown }> = {
  google: { status: 401, body: { error: "invalid_request", error_description: "Invalid Credentials" } },
  yandex: { status: 401, body: { error: "invalid_token" } },
  // The VK API answers errors with a 200.
  vk: {
    status: 200,
    body: { error: { error_code: 5, error_msg: "User authorization failed: invalid access_token (4).", request_params: [] } },
  },
};

function presentedToken(call: ProviderCall): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(call.authorization ?? "")?.[1];
  if (call.provider === "google") return bearer;
  // Yandex takes `OAuth <token>` (convert-token) and `Bearer <token>` (next-auth's sign-in) alike.
  if (call.provider === "yandex") return /^OAuth (.+)$/.exec(call.authorization ?? "")?.[1] ?? bearer;
  // VK: users.get with the token as a form parameter (convert-token) or a Bearer header (next-auth).
  if (call.method === "GET") return new URL(call.url, "http://stub").searchParams.get("v") ? bearer : undefined;
  return call.method === "POST" && call.form.v ? call.form.access_token : undefined;
}

/**
 * The authorization-code exchange of the browser sign-in: the code a test passes to the callback
 * comes back as the access token (register it with `accept`); VK adds the email it was asked for.
 */
function tokenAnswer(call: ProviderCall, vkEmail: string | undefined): { status: number; body: unknown } {
  const code = call.form.code;
  if (!code) return { status: 400, body: { error: "invalid_request" } };
  const body: Record<string, unknown> = { access_token: code, token_type: "bearer", expires_in: 3600 };
  if (call.provider === "vk") Object.assign(body, { user_id: 1, email: vkEmail });
  return { status: 200, body };
}

export async function startFakeProviders(): Promise<FakeProviders> {
  const calls: ProviderCall[] = [];
  const accepted: Record<ProviderName, Map<string, Record<string, unknown>>> = { google: new Map(), yandex: new Map(), vk: new Map() };
  const failures: Partial<Record<ProviderName, number>> = {};
  let vkEmail: string | undefined;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const provider = (request.url ?? "").split(/[/?]/)[1] as ProviderName;
      const call: ProviderCall = {
        provider,
        method: request.method ?? "",
        url: request.url ?? "",
        authorization: request.headers.authorization,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))),
      };
      calls.push(call);
      if (/^\/(yandex\/token|vk\/access_token)/.test(call.url)) {
        const answer = tokenAnswer(call, vkEmail);
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(JSON.stringify(answer.body));
        return;
      }
      const token = presentedToken(call);
      const profile = token === undefined ? undefined : accepted[provider]?.get(token);
      const failure = failures[provider];
      const answer = failure
        ? { status: failure, body: { error: "server_error" } }
        : profile
          ? { status: 200, body: provider === "vk" ? { response: [profile] } : profile }
          : (REJECTIONS[provider] ?? { status: 404, body: {} });
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    urls: { google: `${root}/google/v1/userinfo`, yandex: `${root}/yandex/info?format=json`, vk: `${root}/vk/method/users.get` },
    tokenUrls: { yandex: `${root}/yandex/token`, vk: `${root}/vk/access_token` },
    vkTokenEmail: (email) => void (vkEmail = email),
    calls,
    accept: (provider, token, profile) => void accepted[provider].set(token, profile),
    failWith: (provider, status) => {
      if (status === null) delete failures[provider];
      else failures[provider] = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Starts the fakes and points the app's OAUTH_*_USERINFO_URL at them; call before importing the harness. */
export async function startFakeProvidersForFile(): Promise<FakeProviders> {
  const fake = await startFakeProviders();
  process.env.OAUTH_GOOGLE_USERINFO_URL = fake.urls.google;
  process.env.OAUTH_YANDEX_USERINFO_URL = fake.urls.yandex;
  process.env.OAUTH_VK_USERINFO_URL = fake.urls.vk;
  process.env.OAUTH_YANDEX_TOKEN_URL = fake.tokenUrls.yandex;
  process.env.OAUTH_VK_TOKEN_URL = fake.tokenUrls.vk;
  return fake;
}
