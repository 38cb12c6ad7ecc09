import net from "node:net";
import { DatabaseUnavailableError } from "./errors";

// postgres.js has no client-side bound on a query: over a link that accepts connections and forwards
// nothing, a query waits forever and keeps its pooled connection; while the server refuses, queued
// queries retry with a backoff that grows to 20 s, and so do the first queries after it returns.
// The guard gives the pool the three things it lacks, through the driver's own `socket` and
// `backoff` options:
// - it notices a connection that waits for an answer, and asks the server process whether it is
//   there with a probe that needs no login (an SSLRequest, answered with one byte at once). A
//   server that answers is only busy with a long statement, and nothing happens. One that does not
//   is unreachable: the guard opens;
// - open, it destroys the pool's sockets (so their queries fail and the pool is free again) and fails
//   every new connection at once, so queued and new queries fail in milliseconds, not seconds;
// - it probes every PROBE_EVERY_MS and closes as soon as the server answers, so the pool reconnects
//   at once (the driver's backoff stays under half a second).

/** How long a connection may wait for the server's first answer bytes before the guard probes the server. */
const SUSPECT_AFTER_MS = 1_000;
/** How long the server has to answer a probe (or a TCP connect). */
const PROBE_TIMEOUT_MS = 1_000;
/** How often an open guard probes the server to see whether it is back. */
const PROBE_EVERY_MS = 250;
const TICK_MS = 100;

export interface ServerAddress {
  host: string;
  port: number;
  /** A Unix socket path (a `host` query parameter of `/var/run/postgresql`) instead of host and port. */
  path?: string;
}

interface Watched {
  socket: net.Socket;
  bytesRead: number;
  bytesWritten: number;
  /** When the socket wrote something the server has not answered yet; null while nothing is owed. */
  waitingSince: number | null;
}

function unavailable(reason: string): DatabaseUnavailableError {
  return new DatabaseUnavailableError(reason);
}

/** A TCP connection to the server, or the reason it could not be made within PROBE_TIMEOUT_MS. */
function connectTo(address: ServerAddress): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = address.path ? net.connect(address.path) : net.connect(address.port, address.host);
    socket.setNoDelay(true);
    const timer = setTimeout(() => fail(unavailable("connecting to PostgreSQL timed out")), PROBE_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.once("error", (error) => fail(unavailable(`connecting to PostgreSQL failed: ${error.message}`)));
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
  });
}

/** True when the server process answers an SSLRequest within PROBE_TIMEOUT_MS. */
async function serverAnswers(address: ServerAddress): Promise<boolean> {
  let socket: net.Socket;
  try {
    socket = await connectTo(address);
  } catch {
    return false;
  }
  return new Promise((resolve) => {
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), PROBE_TIMEOUT_MS);
    socket.once("data", () => done(true));
    socket.once("error", () => done(false));
    socket.once("close", () => done(false));
    const sslRequest = Buffer.alloc(8);
    sslRequest.writeInt32BE(8, 0);
    sslRequest.writeInt32BE(80877103, 4);
    socket.write(sslRequest);
  });
}

/**
 * Destroys a socket the driver uses, after the write it may have scheduled for this turn of the event
 * loop: postgres.js 3.4 clears that pending write on close without forgetting it, and every later
 * connection of the same slot would then never send its startup message.
 */
function destroyLater(socket: net.Socket, error: Error): void {
  setImmediate(() => socket.destroy(error));
}

/** A socket that fails once the driver has written its startup message: the driver rejects the query it was opened for and frees the connection. */
function failingSocket(error: Error): net.Socket {
  const socket = new net.Socket();
  socket.on("error", () => {});
  socket.write = () => {
    destroyLater(socket, error);
    return true;
  };
  return socket;
}

export interface ConnectionGuard {
  /** postgres.js's `socket` option: a connected socket, watched while it lives. */
  socket(): Promise<net.Socket>;
  /** postgres.js's `backoff` option, in seconds. */
  backoff(retries: number): number;
  /** Stops the probes (closing the pool). */
  stop(): void;
}

export function guardConnections(address: ServerAddress): ConnectionGuard {
  const watched = new Set<Watched>();
  let open = false;
  let probing = false;
  let lastProbe = 0;
  let ticker: NodeJS.Timeout | null = null;

  function tripOpen(reason: string): void {
    open = true;
    for (const entry of watched) destroyLater(entry.socket, unavailable(reason));
    ensureTicking();
  }

  async function probe(): Promise<void> {
    if (probing) return;
    probing = true;
    lastProbe = performance.now();
    try {
      if (await serverAnswers(address)) open = false;
      else tripOpen("PostgreSQL does not answer");
    } finally {
      probing = false;
    }
  }

  function tick(): void {
    const now = performance.now();
    let suspect = false;
    for (const entry of watched) {
      const { bytesRead, bytesWritten } = entry.socket;
      if (bytesRead !== entry.bytesRead) entry.waitingSince = bytesWritten !== entry.bytesWritten ? now : null;
      else if (bytesWritten !== entry.bytesWritten) entry.waitingSince ??= now;
      entry.bytesRead = bytesRead;
      entry.bytesWritten = bytesWritten;
      if (entry.waitingSince !== null && now - entry.waitingSince >= SUSPECT_AFTER_MS) suspect = true;
    }
    const probeDue = open ? now - lastProbe >= PROBE_EVERY_MS : suspect && now - lastProbe >= SUSPECT_AFTER_MS;
    if (probeDue) void probe();
    if (!open && watched.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  }

  function ensureTicking(): void {
    ticker ??= setInterval(tick, TICK_MS).unref();
  }

  function watch(socket: net.Socket): void {
    const entry: Watched = { socket, bytesRead: 0, bytesWritten: 0, waitingSince: null };
    watched.add(entry);
    // The driver has its own listener; this one keeps a socket destroyed between two of its listeners from crashing the process.
    socket.on("error", () => {});
    socket.once("close", () => watched.delete(entry));
    // A server (or a proxy in front of it) that accepts and hangs up before saying a word: an error,
    // not a clean close, or the driver would retry the same query in a loop.
    socket.once("end", () => {
      if (socket.bytesRead === 0) tripOpen("PostgreSQL closed the connection before answering");
    });
    ensureTicking();
  }

  return {
    async socket() {
      if (open) return failingSocket(unavailable("PostgreSQL is unreachable"));
      try {
        const socket = await connectTo(address);
        watch(socket);
        return socket;
      } catch (error) {
        tripOpen(error instanceof Error ? error.message : String(error));
        return failingSocket(error instanceof Error ? error : unavailable(String(error)));
      }
    },
    backoff(retries) {
      return open ? 0 : Math.min(0.05 * 2 ** retries, 0.5);
    },
    stop() {
      if (ticker) clearInterval(ticker);
      ticker = null;
      open = false;
    },
  };
}
