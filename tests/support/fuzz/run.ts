// Sends planned requests and judges the answers: never a 5xx, never slower than the limit, never a 2xx
// for a body the handler's own schema refuses, every 4xx a JSON object with an `error`, every API
// answer JSON. Counts what it sent and what came back for the report.
import { Widget, type BodyTree, type FuzzContext } from "./context";
import type { Method, Operation } from "./endpoints";
import { Entries, formValue, Ref, render, type Tree } from "./json";
import { WEBHOOK_SECRET, type Plan } from "./plan";

export const SLOW_MS = 2_000;

export interface Wire {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyInit;
  /** What the handler's schema says of the body as the server will read it; null where no schema applies. */
  acceptable: boolean | null;
  authAccount?: number;
  bodyAccount?: number;
  sentPassword?: string;
  /** The body as text, for failure reports. */
  shown: string;
}

export interface Answer {
  plan: Plan;
  wire: Wire;
  status: number;
  ms: number;
  text: string;
  body: unknown;
  contentType: string | null;
  error?: string;
}

export interface Violation {
  rule: string;
  answer: Answer;
}

const REFUSED = Symbol("refused");
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, "?");

/** The body as readBody (lib/http/body.ts) will see it: an object, or REFUSED (400/413/415). */
function serverView(bytes: Uint8Array, contentType: string | null, form: boolean): unknown {
  if (bytes.byteLength === 0) return {};
  if (bytes.byteLength > 65_536) return REFUSED;
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return REFUSED;
  }
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : REFUSED;
    } catch {
      return REFUSED;
    }
  }
  if (form && type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  return REFUSED;
}

function firstAccountRef(tree: BodyTree, context: FuzzContext, principal: number | null): number | undefined {
  if (tree instanceof Ref) return context.accountIndex(tree, principal);
  const children: Tree[] =
    tree instanceof Entries
      ? tree.entries.map(([, value]) => value)
      : tree instanceof Widget
        ? tree.fields.map(([, value]) => value)
        : Array.isArray(tree)
          ? tree
          : [];
  for (const child of children) {
    const found = firstAccountRef(child, context, principal);
    if (found !== undefined) return found;
  }
  return undefined;
}

function stream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 16_384));
      offset += 16_384;
    },
  });
}

/** Turns a plan into the request that goes out, with every reference resolved against the run's state. */
export async function materialize(plan: Plan, context: FuzzContext, webhookSecret: string): Promise<Wire> {
  const principal = plan.mixAccounts ? null : plan.principal;
  const operation: Operation | undefined = plan.endpoint.operations[plan.method as Method];
  const headers: Record<string, string> = {};
  let authAccount: number | undefined;

  if (plan.auth) {
    let credential = formValue(await context.resolve(plan.auth.credential, principal));
    if (plan.auth.base64) credential = Buffer.from(credential, "utf8").toString("base64");
    headers.authorization = ascii(`${plan.auth.scheme} ${credential}${plan.auth.tail}`);
    if (plan.auth.credential instanceof Ref) authAccount = context.accountIndex(plan.auth.credential, principal);
  }
  if (plan.cookies.length > 0) {
    const pairs: string[] = [];
    for (const [name, value] of plan.cookies) {
      pairs.push(`${name}=${ascii(formValue(await context.resolve(value, principal))).replace(/;/g, "%3B")}`);
      if (authAccount === undefined && value instanceof Ref && /access|session/.test(value.name))
        authAccount = context.accountIndex(value, principal);
    }
    headers.cookie = pairs.join("; ");
  }
  if (plan.origin !== null) headers.origin = plan.origin;
  if (plan.forwardedFor !== null) headers["x-forwarded-for"] = plan.forwardedFor;
  for (const [name, value] of plan.extraHeaders) headers[name] = value === WEBHOOK_SECRET ? webhookSecret : value;

  let body: BodyInit | undefined;
  let bytes = new Uint8Array(0);
  let contentType: string | null = null;
  let shown = "";
  let sentPassword: string | undefined;
  let bodyAccount: number | undefined;
  const plannedBody = plan.body;
  if (plannedBody.mode === "json" || plannedBody.mode === "form" || plannedBody.mode === "multipart") {
    bodyAccount = firstAccountRef(plannedBody.tree, context, principal);
    const tree = await context.resolve(plannedBody.tree, principal);
    const entries = tree instanceof Entries ? tree.entries : null;
    if (operation?.newPassword && entries) {
      const value = [...entries].reverse().find(([key]) => key === operation.newPassword)?.[1];
      if (typeof value === "string") sentPassword = value;
    }
    if (plannedBody.mode === "json") {
      shown = render(tree);
      bytes = new Uint8Array(new TextEncoder().encode(shown));
      contentType = plannedBody.contentType;
      // Bytes, not a string: fetch adds no Content-Type of its own to bytes.
      body = bytes;
    } else if (plannedBody.mode === "form") {
      const form = new URLSearchParams();
      for (const [key, value] of entries ?? [["data", tree] as const]) form.append(key, formValue(value));
      shown = form.toString();
      bytes = new Uint8Array(new TextEncoder().encode(shown));
      contentType = "application/x-www-form-urlencoded";
      body = bytes;
    } else {
      const form = new FormData();
      for (const [key, value] of entries ?? [["data", tree] as const]) form.append(key, formValue(value));
      shown = `multipart: ${render(tree).slice(0, 500)}`;
      body = form;
      // fetch writes the multipart Content-Type with its boundary; the server never parses it.
      bytes = new Uint8Array(new TextEncoder().encode("multipart"));
      contentType = "multipart/form-data";
    }
  } else if (plannedBody.mode === "raw") {
    bytes = new Uint8Array(plannedBody.bytes);
    contentType = plannedBody.contentType;
    shown = `${plannedBody.stream ? "streamed " : ""}${bytes.byteLength} bytes: ${new TextDecoder().decode(bytes.slice(0, 200))}`;
    body = plannedBody.stream ? stream(bytes) : bytes;
  }
  if (contentType !== null && plannedBody.mode !== "multipart") headers["content-type"] = contentType;

  // The oracle: the handler's own schema on the body as the server reads it.
  let acceptable: boolean | null = null;
  const basic = plan.auth?.scheme === "Basic";
  if (
    operation &&
    (operation.schema || operation.accepts) &&
    plan.method !== "GET" &&
    plan.method !== "HEAD" &&
    !(basic && operation.form)
  ) {
    const view = serverView(bytes, contentType, !!operation.form);
    acceptable = view !== REFUSED && (operation.accepts ? operation.accepts(view) : operation.schema!.safeParse(view).success);
  }

  const param = plan.param === null ? "" : formValue(await context.resolve(plan.param, principal));
  const path = plan.path.replace(/\{[a-z_]+\}/, param) + plan.query;
  return { method: plan.method, path, headers, body, acceptable, authAccount, bodyAccount, sentPassword, shown };
}

/** Sends one request; a request that gets no answer is an answer with status 0. */
export async function send(baseUrl: string, plan: Plan, wire: Wire): Promise<Answer> {
  const init: RequestInit & { duplex?: "half" } = {
    method: wire.method,
    headers: wire.headers,
    body: wire.body,
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  };
  if (wire.body instanceof ReadableStream) init.duplex = "half";
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + wire.path, init);
    const text = await response.text();
    const ms = performance.now() - started;
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { plan, wire, status: response.status, ms, text, body, contentType: response.headers.get("content-type") };
  } catch (error) {
    return { plan, wire, status: 0, ms: performance.now() - started, text: "", body: undefined, contentType: null, error: String(error) };
  }
}

/** What an answer got wrong, if anything. */
export function judge(answer: Answer): string[] {
  const problems: string[] = [];
  const { status, plan } = answer;
  if (status === 0) problems.push(`no answer (${answer.error})`);
  if (status >= 500) problems.push(`${status} answer`);
  if (answer.ms > SLOW_MS) problems.push(`answer took ${Math.round(answer.ms)} ms`);
  if (answer.wire.acceptable === false && status >= 200 && status < 300) problems.push("a 2xx for a body the handler's schema refuses");
  // Node's own 431 for headers past its limit never reaches the app; a redirect (Next's `//` → `/`) has no JSON.
  const json = !plan.endpoint.notJson && plan.method !== "HEAD" && status !== 431 && (status < 300 || status >= 400);
  if (json && answer.text !== "" && answer.body === undefined) problems.push("an answer that is not JSON");
  if (json && status >= 400 && status < 500) {
    const body = answer.body as Record<string, unknown> | undefined;
    const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
    if (!isObject || typeof body.error !== "string" || body.error === "") problems.push("a 4xx without a JSON object carrying `error`");
  }
  return problems;
}

/** One request as a failure report shows it. */
export function describe(answer: Answer): string {
  const { wire } = answer;
  const headers = Object.entries(wire.headers)
    .map(([name, value]) => `    ${name}: ${value.length > 200 ? `${value.slice(0, 200)}… (${value.length})` : value}`)
    .join("\n");
  const shown = wire.shown.length > 600 ? `${wire.shown.slice(0, 600)}… (${wire.shown.length} chars)` : wire.shown;
  return [
    `${wire.method} ${wire.path.length > 300 ? `${wire.path.slice(0, 300)}…` : wire.path}  [${answer.plan.kind}]`,
    headers,
    shown ? `    body: ${shown}` : "    (no body)",
    `  → ${answer.status} in ${Math.round(answer.ms)} ms: ${answer.error ?? answer.text.slice(0, 400)}`,
  ].join("\n");
}

/** Requests per endpoint, the status histogram, the slowest answer. */
export class Statistics {
  readonly byRoute = new Map<string, Map<number, number>>();
  readonly byStatus = new Map<number, number>();
  readonly byKind = new Map<string, number>();
  slowest: Answer | null = null;
  total = 0;

  record(answer: Answer): void {
    this.total += 1;
    const route = answer.plan.endpoint.route;
    const statuses = this.byRoute.get(route) ?? new Map<number, number>();
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    this.byRoute.set(route, statuses);
    this.byStatus.set(answer.status, (this.byStatus.get(answer.status) ?? 0) + 1);
    this.byKind.set(answer.plan.kind, (this.byKind.get(answer.plan.kind) ?? 0) + 1);
    if (!this.slowest || answer.ms > this.slowest.ms) this.slowest = answer;
  }

  report(seconds: number): string[] {
    const histogram = (counts: Map<number, number>) =>
      [...counts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(" ");
    const routes = [...this.byRoute.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const width = Math.max(...routes.map(([route]) => route.length));
    const slowest = this.slowest;
    return [
      `requests: ${this.total} in ${seconds.toFixed(1)} s (${Math.round(this.total / seconds)}/s), ${this.byRoute.size} endpoints`,
      `bodies: ${[...this.byKind.entries()].map(([kind, count]) => `${kind} ${count}`).join(", ")}`,
      `status codes: ${histogram(this.byStatus)}`,
      slowest
        ? `slowest answer: ${Math.round(slowest.ms)} ms, ${slowest.wire.method} ${slowest.wire.path.slice(0, 80)} → ${slowest.status} [${slowest.plan.kind}]`
        : "slowest answer: –",
      "requests per endpoint:",
      ...routes.map(([route, statuses]) => {
        const count = [...statuses.values()].reduce((sum, n) => sum + n, 0);
        return `  ${route.padEnd(width)} ${String(count).padStart(5)}  ${histogram(statuses)}`;
      }),
    ];
  }
}
