// Barrel: HTTP header parsing and dumping helpers.
export { quoteHeaderValue, unquoteHeaderValue } from "./quoting.js";
export { parseOptionsHeader, dumpOptionsHeader } from "./options-header.js";
