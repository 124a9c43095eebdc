// Barrel: datastructures shared by requests and responses.
export { BadRequestKeyError } from "./errors.js";
export { asInt, asFloat, type Converter, type GetOptions } from "./convert.js";
export {
  MultiDict,
  ImmutableMultiDict,
  CombinedMultiDict,
  iterMultiItems,
  type MultiDictInit,
  type ReadonlyMultiDict,
} from "./multidict.js";
export {
  Headers,
  ImmutableHeaders,
  checkHeaderName,
  checkHeaderValue,
  type HeaderValue,
  type HeadersInit,
  type HeaderParams,
} from "./headers.js";
