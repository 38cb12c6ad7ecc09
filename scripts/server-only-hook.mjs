// `import "server-only"` marks modules that must never reach the browser bundle: Next resolves it
// to an empty module on the server and fails the build if a client component pulls one in. Plain
// Node (the scripts, and the test runner that imports server modules directly) resolves it to the
// entry that throws, so these processes start with `--import ./scripts/server-only-hook.mjs`,
// which maps it to the package's own empty module, as Next does on the server.
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
