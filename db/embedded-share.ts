import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// Serves this process's PGlite to other local processes (scripts) over the PostgreSQL wire
// protocol, with @electric-sql/pglite-socket doing the protocol and connection handling.
//
// PGlite is one database session. Its own query(), exec() and transaction() take turns under its
// transaction lock, but the socket server runs each protocol message under the lighter per-message
// lock only. Left alone, a script's statements could land inside one of this process's
// transactions and the other way round (a rollback on one side then undoes the other's writes).
// So the socket side takes the transaction lock for itself at its first message and gives it back
// only when PGlite answers ReadyForQuery with the session idle: through its own transaction and
// through an extended-protocol exchange (Parse … Sync) it keeps it, and this process waits.

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': ReadyForQuery status outside a transaction block
const TERMINATE = 0x58; // 'X'
// The socket server serialises its clients per message, not per extended-protocol exchange, so two
// clients could interleave their Parse … Sync; one at a time keeps each exchange whole.
const MAX_CONNECTIONS = 1;
const ABANDON_CHECK_MS = 250;

export interface SharedDatabase {
  port: number;
  /** Stops accepting clients, rolls back whatever a connected client left open, and returns the database to this process. */
  stop(): Promise<void>;
}

/** Reads one answer's backend messages chunk by chunk and tells whether the last one was ReadyForQuery with the session idle. */
class AnswerReader {
  private header = Buffer.alloc(5);
  private headerBytes = 0;
  private bodyLeft = 0;
  endsIdle = false;

  read(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.headerBytes < 5) {
        this.header[this.headerBytes++] = chunk[at++]!;
        if (this.headerBytes < 5) continue;
        this.bodyLeft = this.header.readInt32BE(1) - 4;
        this.endsIdle = false;
        if (this.bodyLeft === 0) this.headerBytes = 0;
        continue;
      }
      const taken = Math.min(this.bodyLeft, chunk.length - at);
      if (this.header[0] === READY_FOR_QUERY) this.endsIdle = chunk[at] === IDLE;
      at += taken;
      this.bodyLeft -= taken;
      if (this.bodyLeft === 0) this.headerBytes = 0;
    }
  }
}

function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("Q", 0, "latin1");
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/** The socket side's hold on PGlite's transaction lock: taken at a client's first message, given back when PGlite's answer leaves the session idle. */
function createTurn(client: PGlite) {
  let giveBack: (() => void) | null = null;
  // Every socket-side step runs in this chain, one after another, so taking and giving back never race.
  let chain: Promise<unknown> = Promise.resolve();

  // The lock PGlite's own query(), exec() and transaction() take, held until release().
  async function take(): Promise<void> {
    if (giveBack) return;
    giveBack = await new Promise<() => void>((granted) => {
      void client._runExclusiveTransaction(() => new Promise<void>((done) => granted(done)));
    });
  }

  function release(): void {
    giveBack?.();
    giveBack = null;
  }

  /** Runs one protocol message in the turn, streaming the answer to `onRawData`. */
  async function run(message: Uint8Array, onRawData: (bytes: Uint8Array) => void): Promise<void> {
    await take();
    const answer = new AnswerReader();
    try {
      await client.runExclusive(() =>
        client.execProtocolRawStream(message, {
          onRawData: (bytes) => {
            answer.read(bytes);
            onRawData(bytes);
          },
        }),
      );
    } finally {
      if (answer.endsIdle) release();
    }
  }

  /** Rolls back whatever the turn's client left open (a transaction, or an exchange cut before Sync) and gives the turn back. */
  async function abandon(): Promise<void> {
    if (!giveBack) return;
    try {
      await run(simpleQuery("ROLLBACK"), () => {});
    } finally {
      release();
    }
  }

  return {
    run,
    abandon,
    get held(): boolean {
      return giveBack !== null;
    },
    serial<T>(step: () => Promise<T>): Promise<T> {
      const result = chain.then(step);
      chain = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * Serves `client` on a free port of 127.0.0.1 over the PostgreSQL wire protocol (any user name and
 * database name are accepted; the session is PGlite's `postgres` database), one client connection at
 * a time. Guarantees that the client's transactions and exchanges never interleave with this
 * process's own queries and transactions, and that a client that disconnects or exits mid-way has
 * its open work rolled back and stops holding up this process.
 */
export async function serveOverSocket(client: PGlite): Promise<SharedDatabase> {
  const turn = createTurn(client);

  // The socket server sees PGlite only through these members (runExclusive, execProtocolRawStream,
  // isInTransaction, exec, waitReady); the rest is passed through untouched.
  const shared = new Proxy(client, {
    get(target, property) {
      switch (property) {
        case "runExclusive":
          return <T>(step: () => Promise<T>) => turn.serial(step);
        case "execProtocolRawStream":
          return (message: Uint8Array, options: { onRawData: (bytes: Uint8Array) => void }) =>
            // PGlite ignores Terminate (its session outlives the client), so end the client's turn here.
            message[0] === TERMINATE ? turn.abandon() : turn.run(message, options.onRawData);
        case "isInTransaction":
          // The socket server asks this to roll back after a client that disconnects. The client's
          // turn is what counts: a transaction, or an exchange cut before Sync. This process's own
          // transactions do not (the client's next message simply waits for the turn).
          return () => turn.held;
        case "exec":
          // Used by the socket server to roll back after a client that disconnected mid-way.
          return (query: string) => turn.serial(() => turn.run(simpleQuery(query), () => {}).then(() => []));
        default: {
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });

  const server = new PGLiteSocketServer({ db: shared, host: "127.0.0.1", port: 0, maxConnections: MAX_CONNECTIONS });
  let port = 0;
  server.addEventListener("listening", (event) => (port = (event as CustomEvent<{ port: number }>).detail.port));
  await server.start();
  // The socket server rolls back after a client that disconnects mid-way; should a turn still be
  // held with no client connected, it would block this process for good, so it is given back.
  const watch = setInterval(() => {
    if (turn.held && server.getStats().activeConnections === 0) void turn.serial(() => turn.abandon());
  }, ABANDON_CHECK_MS);
  watch.unref();

  return {
    port,
    async stop() {
      clearInterval(watch);
      await server.stop();
      await turn.serial(() => turn.abandon());
    },
  };
}
