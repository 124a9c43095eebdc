// The rule of `wz dev <entry>`: the entry's default export is the app.
import type { Application } from "./app-listener.js";

export function defaultExportedApp(module: { default?: unknown }, file: string): Application {
  if (typeof module.default === "function") return module.default as Application;
  const found = module.default === undefined ? "no default export" : `a default export of type ${typeof module.default}`;
  const error = new TypeError(`${file} must export the app as its default export (a function (request) => Response); found ${found}`);
  error.stack = `${error.name}: ${error.message}\n    at ${file}:1:1`;
  throw error;
}
