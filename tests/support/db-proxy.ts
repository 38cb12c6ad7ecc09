// Imported before ./support/app by tests that need the database to go away: puts a TCP proxy
// between the app and TEST_DATABASE_URL's server that the test can cut, stall and restore.
import net from "node:net";

const target = process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL) : null;
const links = new Set<{ client: net.Socket; upstream: net.Socket }>();
let mode: "up" | "cut" | "stalled" = "up";

function forward({ client, upstream }: { client: net.Socket; upstream: net.Socket }): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

function hold({ client, upstream }: { client: net.Socket; upstream: net.Socket }): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}

const server = net.createServer((client) => {
  if (mode === "cut" || !target) return client.destroy();
  const link = { client, upstream: net.connect(Number(target.port || 5432), target.hostname) };
  links.add(link);
  for (const socket of [link.client, link.upstream]) socket.on("error", () => {});
  link.client.on("close", () => (link.upstream.destroy(), links.delete(link)));
  link.upstream.on("close", () => link.client.destroy());
  // Stalled: the connection is accepted (as by a host that stopped answering behind a firewall) and nothing flows.
  if (mode === "stalled") hold(link);
  else forward(link);
});

if (target) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(target);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as net.AddressInfo).port);
  process.env.TEST_DATABASE_URL = proxied.toString();
  server.unref();
}

export const databaseProxy = {
  /** True when the app talks to a real server through this proxy (not the embedded database). */
  active: target !== null,
  /** Drops every open connection and refuses new ones: the database is unreachable. */
  cut(): void {
    mode = "cut";
    for (const { client, upstream } of links) {
      client.destroy();
      upstream.destroy();
    }
  },
  /** Keeps every connection open but forwards nothing, old or new: the database stalls. */
  stall(): void {
    mode = "stalled";
    for (const link of links) hold(link);
  },
  /** Forwards again, the connections held by a stall included (their queued bytes flow on). */
  restore(): void {
    const wasStalled = mode === "stalled";
    mode = "up";
    if (wasStalled) for (const link of links) forward(link);
  },
};
