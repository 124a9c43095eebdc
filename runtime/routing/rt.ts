// What generated route modules call at run time. Not for application code: the names and shapes
// here follow the emitter, and change with it.
export {
  INVALID, isDigits, isSignedDigits, isFloat, isUuid, lengthBetween, isPathValue, anchoredRegex,
  stringConverter, pathConverter, anyConverter, uuidConverter, intConverter, floatConverter, customConverter,
} from "./converters.js";
export { createRouteMap, MatchState } from "./map.js";
export { quotePath } from "./url.js";
export { urlForWith, defineEndpointsWith, adapterFor } from "./endpoints.js";
export type { FastBuilder, UrlForOptions, Dispatcher, EndpointHandler, QueryValue } from "./endpoints.js";
