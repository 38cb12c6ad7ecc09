// First-load JavaScript of a route, from the build's manifests in .next: the root main files every
// App Router page loads (React DOM, the router, Turbopack's runtime; build-manifest.json) and the
// entry chunks of the route's layouts, boundaries and page (entryJSFiles of its client reference
// manifest). The polyfills are left out: they are `nomodule` scripts no current browser runs.
// Sizes are gzip at zlib's default level, as `next start` compresses them.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { root } from "./app";

const dotNext = path.join(root, ".next");

interface RouteManifest {
  entryJSFiles: Record<string, string[]>;
}

export interface FirstLoad {
  route: string;
  /** Paths under .next, e.g. static/chunks/0p8x38-efr-7e.js. */
  files: string[];
  gzipBytes: number;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(dotNext, file), "utf8")) as T;

/** The app path of a URL route, e.g. /matches → /(site)/matches/page. */
function appPathOf(route: string): string {
  const routes = readJson<Record<string, string>>("app-path-routes-manifest.json");
  const appPath = Object.keys(routes).find((key) => routes[key] === route && key.endsWith("/page"));
  if (!appPath) throw new Error(`no page for ${route} in the build`);
  return appPath;
}

/** The client reference manifest is a script that assigns to globalThis.__RSC_MANIFEST: run it in a sandbox. */
function routeManifest(appPath: string): RouteManifest {
  const source = readFileSync(path.join(dotNext, "server/app", `${appPath}_client-reference-manifest.js`), "utf8");
  const sandbox: { __RSC_MANIFEST?: Record<string, RouteManifest> } = {};
  vm.runInNewContext(source, sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[appPath];
  if (!manifest) throw new Error(`no client reference manifest for ${appPath}`);
  return manifest;
}

/** The gzipped size of a file under .next. */
export const gzipSize = (file: string) => gzipSync(readFileSync(path.join(dotNext, file))).length;

/** The JS files a first visit to `route` loads and their gzipped size. */
export function firstLoadJs(route: string): FirstLoad {
  const { rootMainFiles } = readJson<{ rootMainFiles: string[] }>("build-manifest.json");
  const entries = Object.values(routeManifest(appPathOf(route)).entryJSFiles).flat();
  const files = [...new Set([...rootMainFiles, ...entries])];
  return { route, files, gzipBytes: files.reduce((sum, file) => sum + gzipSize(file), 0) };
}

/** The files every one of `loads` includes (the framework and the root layout's chunks). */
export function sharedFiles(loads: FirstLoad[]): string[] {
  return loads[0]?.files.filter((file) => loads.every((load) => load.files.includes(file))) ?? [];
}
