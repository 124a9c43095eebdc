/**
 * wz/compiler: the programmatic API of the route compiler. This file only re-exports.
 * @module wz/compiler
 */
export { compileRoutes, type CompileRoutesOptions, type CompileResult } from "./compile-routes.js";
export { watchRoutes, type WatchRoutesOptions, type WatchResult, type RoutesWatcher } from "./watch.js";
export { readRoutes, type ReadResult } from "./read-routes.js";
export { listRoutes, type RouteListing } from "./list-routes.js";
export { createRoutesProject } from "./read-project.js";
export { formatDiagnostic, formatDiagnostics, type FormatOptions } from "./diagnostics.js";
export type { Diagnostic, SourceSpan, RoutesSource, DeclNode, CustomConverterRef, MapOptions, RuleOptionsInput } from "./model.js";
