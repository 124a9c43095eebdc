// Barrel: HTTP header parsing and dumping helpers.
export { quoteHeaderValue, unquoteHeaderValue } from "./quoting.js";
export { parseOptionsHeader, dumpOptionsHeader } from "./options-header.js";
export { parseListHeader, parseDictHeader, dumpHeader } from "./list-header.js";
export { parsePlainInt, getContentLength } from "./integers.js";
export { parseDate, httpDate, parseAge, dumpAge, type HttpDateInput } from "./dates.js";
export { quoteEtag, unquoteEtag, generateEtag } from "./etag.js";
export {
  isResourceModified,
  isEntityHeader,
  isHopByHopHeader,
  removeEntityHeaders,
  removeHopByHopHeaders,
  type ConditionalRequestHeaders,
  type HeaderLookup,
  type ResourceState,
  type RemovableHeaders,
} from "./conditional.js";
export { parseCookie, dumpCookie, type CookieOptions, type SameSite } from "./cookies.js";
export { COEP, COOP } from "./policies.js";
