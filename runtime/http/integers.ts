// Numbers in header values: ASCII digits only, as Werkzeug 2.3.5+ requires, so `+5`, `1_0`
// and non-ASCII digits are not taken for numbers (JS `Number()` and `parseInt` accept more).

import { parseListHeader } from "./list-header.js";

const PLAIN_INT = /^-?[0-9]+$/;

/** `-?[0-9]+` after trimming whitespace, else `null` (Werkzeug `_plain_int`, which raises instead). */
export function parsePlainInt(value: string): number | null {
  const text = value.trim();
  if (!PLAIN_INT.test(text)) return null;
  const number = Number(text);
  return number === 0 ? 0 : number; // "-0" is 0, not -0
}

/**
 * The request body length (Werkzeug `get_content_length`): `null` when the header is absent or
 * `Transfer-Encoding` lists `chunked`; an invalid or negative value gives 0.
 */
export function getContentLength(contentLength: string | null | undefined, transferEncoding?: string | null): number | null {
  if (transferEncoding != null && parseListHeader(transferEncoding).some((coding) => coding.toLowerCase() === "chunked")) {
    return null;
  }
  if (contentLength == null) return null;
  const length = parsePlainInt(contentLength);
  return length === null ? 0 : Math.max(0, length);
}
