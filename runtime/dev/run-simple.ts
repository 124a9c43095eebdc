// runSimple: Werkzeug's run_simple for a wz app. With useReloader the calling script becomes
// the parent that owns the socket, and the script is re-run in app processes, where this same
// call hands the app over instead of binding.
//
// This file is part of `import "wz"`, so it stays light: the servers, the file watcher
// (chokidar) and the TypeScript loader are imported only when runSimple is called.
import { resolve } from "node:path";
import type { App } from "../serving/index.js";
import { devServerWaitsForApp, handAppToDevServer } from "./child-handoff.js";
import { debuggedApplicationWith } from "../debug/index.js";
import { trustedHostsFor } from "../debug/options.js";
import { checkAddress } from "./check-address.js";

export interface RunSimpleOptions {
  /** Reload when a source file changes (Werkzeug's use_reloader). Default false. */
  useReloader?: boolean;
  /** More files whose change triggers a reload, whatever their type (Werkzeug's extra_files). */
  extraFiles?: string[];
  /** fnmatch patterns of paths never watched (Werkzeug's exclude_patterns). */
  excludePatterns?: string[];
  /** Show a traceback page for errors (debuggedApplication). Default false. */
  useDebugger?: boolean;
  /** The debugger's consoles, behind the PIN; only with useDebugger. Default true, as Werkzeug's. */
  useEvalex?: boolean;
}

/**
 * Serve `app` on host:port for development until SIGINT or SIGTERM. Resolves once stopped.
 *
 * ```ts
 * runSimple("127.0.0.1", 5000, app, { useReloader: true });
 * ```
 */
export async function runSimple(host: string, port: number, app: App, options: RunSimpleOptions = {}): Promise<void> {
  checkAddress(host, port);
  if (typeof app !== "function") throw new TypeError("runSimple: app must be a function (request) => Response");
  const script = resolve(process.argv[1]!);
  const evalex = options.useDebugger === true && options.useEvalex !== false;
  const debugged = (announce: boolean) =>
    options.useDebugger ? debuggedApplicationWith(app, { evalex, trustedHosts: trustedHostsFor(host) }, { appPath: script, announce }) : app;
  // Inside an app process the parent owns the socket (and printed the PIN): hand the app over
  // and serve forever.
  if (devServerWaitsForApp() && handAppToDevServer(debugged(false))) return new Promise<void>(() => {});
  const { serveUntilStopped } = await import("./serve-until-stopped.js");
  return serveUntilStopped(host, port, {
    script,
    app: () => debugged(true),
    debugger: options.useDebugger ? { evalex, trustedHosts: trustedHostsFor(host), appPath: script, wrapEntry: false } : undefined,
    extraFiles: options.extraFiles,
    excludePatterns: options.excludePatterns,
    reload: options.useReloader === true,
  });
}
