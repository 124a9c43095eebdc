// URL text as Werkzeug writes it: Python's `quote` with the WhatWG path-segment safe set, the
// query encoding of `urlencode`, Python's `str()` of values, and `urljoin` for redirect targets.

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
/** Werkzeug's path safe set: https://url.spec.whatwg.org/#url-path-segment-string plus `/`. */
export const PATH_SAFE = "!$&'()*+,/:;=@";
/** Werkzeug's query safe set: https://url.spec.whatwg.org/#percent-encoded-bytes. */
export const QUERY_SAFE = "!$'()*,/:;?@";

function safeTable(extra: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of UNRESERVED + extra) table[c.charCodeAt(0)] = 1;
  return table;
}
const PATH_TABLE = safeTable(PATH_SAFE);
const QUERY_TABLE = safeTable(QUERY_SAFE);
const HEX = "0123456789ABCDEF";
const encoder = new TextEncoder();

function quoteWith(text: string, table: Uint8Array, spaceAsPlus: boolean): string {
  let i = 0;
  // Fast path: nothing to encode (the common case for ids and slugs) returns the input itself.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= 128 || table[c] === 0) break;
    i++;
  }
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (const byte of encoder.encode(text.slice(i))) {
    if (byte < 128 && table[byte] === 1) out += String.fromCharCode(byte);
    else if (byte === 32 && spaceAsPlus) out += "+";
    else out += "%" + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

/** Python's `quote(text, safe="!$&'()*+,/:;=@")`: static rule text, converter output, redirect paths. */
export function quotePath(text: string): string {
  return quoteWith(text, PATH_TABLE, false);
}

/** Python's `quote_plus(text, safe="!$'()*,/:;?@")`: one key or value of a query string. */
export function quoteQuery(text: string): string {
  return quoteWith(text, QUERY_TABLE, true);
}

/** Python's `str()` of a value a user passes to build: booleans `True`/`False`, floats as `repr`. */
export function pyStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === "bigint") return value.toString();
  return String(value);
}

/** Python's `repr(float)`: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(value);
  const [mantissa, expText] = value.toExponential().split("e");
  const exponent = Number(expText);
  if (abs >= 1e16 || abs < 1e-4) {
    const m = mantissa!.includes(".") ? mantissa : mantissa;
    return `${m}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const text = String(value);
  if (text.includes("e")) {
    // JS switches to exponents only below 1e-6 or from 1e21: write the digits out.
    const digits = mantissa!.replace(".", "").replace("-", "");
    const sign = value < 0 ? "-" : "";
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    return `${sign}${digits.padEnd(exponent + 1, "0")}.0`;
  }
  return text.includes(".") ? text : text + ".0";
}

/** `urlencode` of (key, value) pairs as Werkzeug's `_urlencode`: None values dropped. */
export function encodeQuery(pairs: Iterable<readonly [string, unknown]>): string {
  let out = "";
  for (const [key, value] of pairs) {
    if (value === null || value === undefined) continue;
    if (out) out += "&";
    out += quoteQuery(pyStr(key)) + "=" + quoteQuery(pyStr(value));
  }
  return out;
}

/** Expands array values into repeated keys (Werkzeug's `iter_multi_items`). */
export function* multiItems(values: Record<string, unknown>): Iterable<[string, unknown]> {
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (Array.isArray(value) || value instanceof Set) for (const v of value) yield [key, v];
    else yield [key, value];
  }
}

/** Python's `urllib.parse.urljoin` for an absolute base (`scheme://netloc/path`). */
export function urljoin(base: string, url: string): string {
  if (!url) return base;
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  const baseScheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(base)![1]!;
  if (schemeMatch && schemeMatch[1]!.toLowerCase() !== baseScheme.toLowerCase()) return url;
  let rest = schemeMatch ? url.slice(schemeMatch[0].length) : url;
  if (rest.startsWith("//")) return `${baseScheme}:${rest}`;
  const afterScheme = base.slice(baseScheme.length + 3);
  const slash = afterScheme.indexOf("/");
  const netloc = slash === -1 ? afterScheme : afterScheme.slice(0, slash);
  const basePath = slash === -1 ? "/" : afterScheme.slice(slash);
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash !== -1) {
    fragment = rest.slice(hash);
    rest = rest.slice(0, hash);
  }
  let query = "";
  const q = rest.indexOf("?");
  if (q !== -1) {
    query = rest.slice(q);
    rest = rest.slice(0, q);
  }
  let path: string;
  if (rest === "") path = basePath;
  else if (rest.startsWith("/")) path = removeDotSegments(rest);
  else path = removeDotSegments(basePath.slice(0, basePath.lastIndexOf("/") + 1) + rest);
  return `${baseScheme}://${netloc}${path}${query}${fragment}`;
}

function removeDotSegments(path: string): string {
  const segments = path.split("/");
  const out: string[] = [];
  for (const segment of segments.slice(1)) {
    if (segment === "..") {
      if (out.length) out.pop();
    } else if (segment !== ".") {
      out.push(segment);
    }
  }
  const last = segments[segments.length - 1];
  if (last === "." || last === "..") out.push("");
  return "/" + out.join("/");
}

/**
 * Werkzeug's `re.sub("/{2,}", "/", path)` in one pass without a RegExp; `at` is the first "//"
 * when the caller has already looked for it (the matcher's retry has).
 */
export function mergeSlashRuns(path: string, at = path.indexOf("//")): string {
  if (at === -1) return path;
  const n = path.length;
  let merged = path.slice(0, at + 1);
  let i = at + 1;
  while (i < n) {
    while (i < n && path.charCodeAt(i) === 47) i++;
    const next = path.indexOf("//", i);
    if (next === -1) return merged + path.slice(i);
    merged += path.slice(i, next + 1);
    i = next + 1;
  }
  return merged;
}
