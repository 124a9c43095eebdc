// Barrel: serving apps on node:http.
export { toNodeListener, type ListenerOptions } from "./node.js";
export { serve, type ServeOptions, type WzServer } from "./serve.js";
export type { WzCluster } from "./cluster.js";
export type { AccessLogWriter } from "./access-log.js";
export { dispatch, type App, type ErrorReporter } from "./dispatch.js";
