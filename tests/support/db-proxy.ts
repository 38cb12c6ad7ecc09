// Imported before ./support/app by tests that need the database to go away: puts a TCP proxy
// between the app and TEST_DATABASE_URL's server that the test can cut and restore.
import net from "node:net";

const target = process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL) : null;
const sockets = new Set<net.Socket>();
let cut = false;

const server = net.createServer((client) => {
  if (cut || !target) return client.destroy();
  const upstream = net.connect(Number(target.port || 5432), target.hostname);
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  }
  client.pipe(upstream).pipe(client);
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
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
    cut = true;
    for (const socket of sockets) socket.destroy();
  },
  restore(): void {
    cut = false;
  },
};
