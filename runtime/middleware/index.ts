// Barrel: middleware, each `(app, options) => app`.
export { proxyFix, proxyFixOriginal, type ProxyFixOptions, type ProxyFixOriginal } from "./proxy-fix.js";
export { dispatcher } from "./dispatcher.js";
export { sharedData, type SharedDataOptions, type SharedDataExport } from "./shared-data.js";
