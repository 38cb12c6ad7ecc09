// Production servers of the app as separate Node processes (`next start` on the last build, which
// serves in that one process), for tests that need more than one instance on one database. Each
// listens on a free port of 127.0.0.1; its output is kept (and shown when it fails to start). Stop
// them with stopAppProcesses: SIGTERM, SIGKILL after a bounded wait, and a check that nothing is left
// listening. If the test process exits or is signalled first, it kills whichever are still running.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

export interface AppProcess {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr interleaved). */
  output(): string;
  /** Its one-line JSON log entries (lib/log) so far. */
  logEntries(): Array<Record<string, unknown>>;
}

const running = new Set<ChildProcess>();
const killAll = () => {
  for (const child of running) kill(child, "SIGKILL");
};
process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

/** A port nothing listens on right now (the kernel's choice for a throw-away listener). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitUntilHealthy(app: AppProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) {
      throw new Error(`${app.name} exited (${app.child.exitCode ?? app.child.signalCode}) before it was healthy:\n${app.output()}`);
    }
    try {
      const response = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${app.name} was not healthy within ${timeoutMs} ms:\n${app.output()}`);
    await sleep(100);
  }
}

/**
 * Starts one `next start` per name with `env` (plus `envFor(index)` and the port), and resolves once
 * every one answers `GET /api/health` with 200 (at most `timeoutMs`). On failure the started
 * processes are stopped.
 */
export async function startAppProcesses(
  names: string[],
  env: NodeJS.ProcessEnv,
  { timeoutMs = 60_000, envFor = () => ({}) }: { timeoutMs?: number; envFor?: (index: number) => Record<string, string> } = {},
): Promise<AppProcess[]> {
  const apps: AppProcess[] = [];
  for (const [index, name] of names.entries()) {
    const port = await freePort();
    const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env: { ...env, ...envFor(index), PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    child.once("exit", () => running.delete(child));
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    apps.push({
      name,
      port,
      baseUrl: `http://127.0.0.1:${port}`,
      child,
      output: () => output,
      logEntries: () =>
        output.split("\n").flatMap((line) => {
          if (!line.startsWith("{")) return [];
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    });
  }
  try {
    await Promise.all(apps.map((app) => waitUntilHealthy(app, timeoutMs)));
  } catch (error) {
    await stopAppProcesses(apps);
    throw error;
  }
  return apps;
}

/**
 * Stops the processes (SIGTERM, SIGKILL after `graceMs`) and throws when one does not
 * exit or its port still accepts connections afterwards.
 */
export async function stopAppProcesses(apps: AppProcess[], { graceMs = 5000 }: { graceMs?: number } = {}): Promise<void> {
  for (const app of apps) kill(app.child, "SIGTERM");
  const problems: string[] = [];
  await Promise.all(
    apps.map(async (app) => {
      if (await exited(app.child, graceMs)) return;
      kill(app.child, "SIGKILL");
      if (!(await exited(app.child, 2000))) problems.push(`${app.name} (pid ${app.child.pid}) did not exit`);
    }),
  );
  for (const app of apps) if (await isListening(app.port)) problems.push(`port ${app.port} of ${app.name} still accepts connections`);
  if (problems.length > 0) throw new Error(problems.join("; "));
}
