import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite is a single-process database: a second process opening the same folder would corrupt it.
// The process that opens it records itself in `<dataDir>/pglite.lock` as JSON `{"pid":…}`, plus
// `"port"` once it serves the database to other processes (db/embedded-share.ts). Older versions
// wrote the bare pid; that format is still read.

export interface LockHolder {
  pid: number;
  /** The 127.0.0.1 port on which the holder serves the database, or null when it does not. */
  port: number | null;
}

const lockFile = (dataDir: string) => path.join(dataDir, "pglite.lock");

function parseLock(text: string): LockHolder | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), port: null };
  try {
    const { pid, port } = JSON.parse(trimmed) as { pid?: unknown; port?: unknown };
    if (!Number.isInteger(pid)) return null;
    return { pid: pid as number, port: Number.isInteger(port) ? (port as number) : null };
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Written to a temporary file and renamed, so a reader never sees half a lock.
function writeLock(dataDir: string, holder: LockHolder): void {
  const target = lockFile(dataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(holder.port === null ? { pid: holder.pid } : holder));
  renameSync(temporary, target);
}

/** The process other than this one that holds the embedded database in `dataDir` and is still running, or null (no lock, an unreadable one, or its process has exited). */
export function liveLockHolder(dataDir: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(lockFile(dataDir), "utf8");
  } catch {
    return null;
  }
  const holder = parseLock(text);
  if (!holder || holder.pid === process.pid || !processIsAlive(holder.pid)) return null;
  return holder;
}

/** Records this process as the holder of the embedded database in `dataDir` (creating the folder), until the returned function is called or the process exits. */
export function takeLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  writeLock(dataDir, { pid: process.pid, port: null });
  const release = () => {
    process.off("exit", release);
    rmSync(lockFile(dataDir), { force: true });
  };
  process.on("exit", release);
  return release;
}

/** Adds to this process's lock in `dataDir` the 127.0.0.1 port on which it serves the database. */
export function advertisePort(dataDir: string, port: number): void {
  writeLock(dataDir, { pid: process.pid, port });
}
