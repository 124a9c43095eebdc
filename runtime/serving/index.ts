// Barrel: serving apps on node:http.
export { toNodeListener, serve, type ListenerOptions, type ServeOptions, type WzServer } from "./node.js";
export { dispatch, type App, type ErrorReporter } from "./dispatch.js";
