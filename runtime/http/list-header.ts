// Comma-separated headers: `a, "b, c", d` lists and `key=value, flag` dictionaries
// (Cache-Control, WWW-Authenticate and Authorization parameters, Keep-Alive...).

import { CHARSET_VALUE, RFC2231_CHARSETS, percentDecode, quoteHeaderValue, unquoteHeaderValue } from "./quoting.js";
import { pyStrip } from "./python-text.js";

/**
 * Splits at commas outside double quotes (Werkzeug 3.1.7+ `parse_list_header`): items are
 * trimmed, empty items dropped, a fully quoted item is unquoted, a partly quoted one kept as is.
 * An unclosed quote makes the whole header invalid: `[]`.
 */
export function parseListHeader(value: string): string[] {
  if (!value.includes('"')) {
    // without quotes there is nothing to unquote or protect: a plain split gives the same items
    const result: string[] = [];
    for (const raw of value.split(",")) {
      const trimmed = pyStrip(raw);
      if (trimmed) result.push(trimmed);
    }
    return result;
  }
  const items: string[] = [];
  let item = "";
  let escape = false;
  let quote = false;
  for (const char of value) {
    if (escape) {
      escape = false;
      item += char;
    } else if (quote) {
      if (char === "\\") escape = true;
      else if (char === '"') quote = false;
      item += char;
    } else if (char === ",") {
      items.push(item);
      item = "";
    } else {
      if (char === '"') quote = true;
      item += char;
    }
  }
  if (quote) return [];
  items.push(item);
  const result: string[] = [];
  for (const raw of items) {
    const trimmed = pyStrip(raw);
    if (trimmed) result.push(unquoteHeaderValue(trimmed));
  }
  return result;
}

/**
 * Parses `key=value, flag, key*=utf-8''%E2%82%AC` (Werkzeug `parse_dict_header`): a key without
 * `=` maps to `null`, an item starting with `=` is skipped, `key*` values are RFC 2231 decoded
 * (ascii, us-ascii, utf-8, iso-8859-1 only), values are unquoted. An unclosed quote gives `{}`.
 * The result is a plain object whose keys are own data properties (a `__proto__` key is safe).
 */
export function parseDictHeader(value: string): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const item of parseListHeader(value)) {
    const eq = item.indexOf("=");
    let key = pyStrip(eq === -1 ? item : item.slice(0, eq));
    if (!key) continue;
    if (eq === -1) {
      define(result, key, null);
      continue;
    }
    let text = pyStrip(item.slice(eq + 1));
    if (key.endsWith("*")) {
      key = key.slice(0, -1);
      let charset: string | undefined;
      const marker = CHARSET_VALUE.exec(text);
      if (marker !== null) {
        charset = marker[1]!.toLowerCase();
        text = marker[2]!;
      }
      if (charset !== undefined && RFC2231_CHARSETS.has(charset)) text = percentDecode(text, charset);
    }
    define(result, key, unquoteHeaderValue(text));
  }
  return result;
}

function define(target: Record<string, string | null>, key: string, value: string | null): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Joins items with `", "` (Werkzeug `dump_header`). A list: each item quoted unless it is a
 * token. A record: `key=value` with the value quoted unless a token, a bare `key` for `null`
 * (or `undefined`), and keys ending in `*` written as given.
 */
export function dumpHeader(items: Iterable<unknown> | Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  if (typeof (items as Iterable<unknown>)[Symbol.iterator] === "function" && typeof items !== "string") {
    for (const item of items as Iterable<unknown>) parts.push(quoteHeaderValue(item));
  } else {
    for (const [key, value] of Object.entries(items)) {
      if (value == null) parts.push(key);
      else if (key.endsWith("*")) parts.push(`${key}=${String(value)}`);
      else parts.push(`${key}=${quoteHeaderValue(value)}`);
    }
  }
  return parts.join(", ");
}
