// What generated route modules call at run time. Not for application code: the names and shapes
// here follow the emitter, and change with it.
export {
  INVALID,
  isDigits,
  isSignedDigits,
  isFloat,
  isUuid,
  lengthBetween,
  isPathValue,
  stringConverter,
  pathConverter,
  anyConverter,
  uuidConverter,
  intConverter,
  floatConverter,
  customConverter,
} from "./converters.js";
export { createRouteMap, MatchState } from "./map.js";
export { TableMatcher } from "./table-walk.js";
export { quotePath } from "./url.js";
export { urlForWith, defineEndpointsWith, adapterFor } from "./endpoints.js";
export type { FastBuilder, UrlForOptions, Dispatcher, EndpointHandler, QueryValue, Awaitable } from "./endpoints.js";
export { expandRules } from "./rule-table.js";
export type { RuleTuple } from "./rule-table.js";
export { FastBuilders } from "./fast-build.js";
/**
 * A copy of `literal` V8 cannot see through: the matcher's startsWith/endsWith against it is one
 * builtin compare, where a literal argument is expanded into a per-character loop (~5 ns a
 * character on a fresh path string).
 */
export function text(literal: string): string {
  return ("\0" + literal).slice(1);
}
