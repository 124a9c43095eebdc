// The interactive debugger: `debuggedApplication(app, { evalex })`. This file is all that
// `import "wz"` loads of it; the debugger (node:inspector, the page, the consoles) is imported
// when an app is wrapped, so apps that never use it never load it.
import type { App } from "../serving/dispatch.js";
import type { Request } from "../wrappers/request.js";
import { checkDebuggerOptions, type DebuggerOptions, type DebuggerSetup } from "./options.js";

export type { DebuggerOptions } from "./options.js";

// Each wrapped app and its loading debugger.
const loadingFor = new WeakMap<App, Promise<App>>();

/**
 * Wraps `app` in Werkzeug's debugger: an error it throws becomes a traceback page (HTML, or
 * plain text and JSON for clients that ask) with source-mapped frames, and with `evalex` a
 * console in each frame that was on the stack at the throw, evaluating against its live
 * variables, after the PIN printed on the terminal. For development only: never in production.
 *
 * ```ts
 * serve(debuggedApplication(app, { evalex: true }), { port: 5000 });
 * ```
 */
export function debuggedApplication(app: App, options: DebuggerOptions = {}): App {
  return debuggedApplicationWith(app, options, { appPath: process.argv[1] ?? process.cwd(), announce: true });
}

/** The dev server's way in: the PIN's app file, and whether to print it. */
export function debuggedApplicationWith(app: App, options: DebuggerOptions, setup: DebuggerSetup): App {
  checkDebuggerOptions(app, options);
  // Wrapped already (by the app itself, under `wz dev` which wraps too): one debugger is enough.
  if (loadingFor.has(app)) return app;
  let ready: App | undefined;
  const loading = import("./debugged-app.js").then((module) => {
    ready = module.createDebugger(app, options, setup);
    return ready;
  });
  // A failure to load surfaces on the first request, as that request's error.
  loading.catch(() => {});
  const debugged = ((request: Request) => (ready !== undefined ? ready(request) : loading.then((wrapped) => wrapped(request)))) as App;
  loadingFor.set(debugged, loading);
  return debugged;
}

/** Resolves once the debugger is loaded and capturing (a wrapped app's first error then has its consoles). */
export async function debuggerReady(app: App): Promise<void> {
  await loadingFor.get(app);
}

/** Werkzeug's name: `new DebuggedApplication(app, options)` and `DebuggedApplication(app, options)` both give the wrapped app. */
export const DebuggedApplication = debuggedApplication as unknown as {
  new (app: App, options?: DebuggerOptions): App;
  (app: App, options?: DebuggerOptions): App;
};
