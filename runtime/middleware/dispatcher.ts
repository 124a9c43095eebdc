// dispatcher (Werkzeug 3.1.8 middleware.dispatcher.DispatcherMiddleware): several apps under one
// server, chosen by path prefix. The longest mounted prefix wins (found by dropping segments
// from the right of the decoded path); it moves from `path` to `rootPath`, so the mounted
// app's URLs (and urlFor) include it. Requests under no prefix go to `app`.
import type { App } from "../serving/dispatch.js";
import type { Request } from "../wrappers/request.js";
import { callWithRequest, deriveRequest } from "./derived-request.js";

/** Wraps `app` with other apps mounted at prefixes: `dispatcher(frontend, { "/api": api })`. */
export function dispatcher(app: App, mounts: Readonly<Record<string, App>>): App {
  const table = new Map(Object.entries(mounts));
  return function dispatching(request: Request) {
    // Werkzeug's PATH_INFO: the path as the server decoded it, before the leading "/" is forced.
    let script = request.path;
    let pathInfo = "";
    let target: App | undefined;
    for (;;) {
      target = table.get(script);
      if (target !== undefined) break;
      const slash = script.lastIndexOf("/");
      if (slash === -1) {
        target = app;
        break;
      }
      pathInfo = `${script.slice(slash)}${pathInfo}`;
      script = script.slice(0, slash);
    }
    if (target === app && script === "" && pathInfo === request.path) return app(request);
    return callWithRequest(target, deriveRequest(request, { rootPath: request.rootPath + script, path: pathInfo }));
  };
}
