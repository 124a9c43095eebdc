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
export { CallbackDict } from "./callback-dict.js";
export { HeaderSet } from "./header-set.js";
export { Accept, MIMEAccept, LanguageAccept, CharsetAccept, type AcceptItem, type Specificity } from "./accept.js";
export { RequestCacheControl, ResponseCacheControl, type CacheControl, type Directives as CacheControlDirectives } from "./cache-control.js";
export { ContentSecurityPolicy, type DirectiveProperties as CspDirectives } from "./csp.js";
export { ETags } from "./etags.js";
export { Range, ContentRange, IfRange, isByteRangeValid, type ByteRange } from "./range.js";
export { Authorization, WWWAuthenticate, type AuthParameters } from "./auth.js";
