// Built-in converters at run time: the cheap text checks the generated matcher calls while it
// walks the path (no RegExp, no slicing), and `toValue`/`toUrl` with Werkzeug's semantics.
import { ValidationError, type Converter } from "./converter.js";
import { pyFloatRepr, pyStr, quotePath } from "./url.js";
import { pyFloatValue, pyStrip } from "../text/python-text.js";

/** Returned by `toValue`/`toUrl` instead of throwing: the value does not fit (ValidationError). */
export const INVALID: unique symbol = Symbol("wz.invalid");
export type Invalid = typeof INVALID;

export interface RuntimeConverter {
  toValue(raw: string): unknown;
  toUrl(value: unknown): string | Invalid;
  /**
   * Set when `toUrl` of a plain value is known without calling it: a string percent-encoded
   * (string, path), a safe integer written in digits (int without fixed digits). urlFor's fast
   * builders check the type and write it inline.
   */
  readonly plainUrl?: "text" | "integer";
}

const nd = /\p{Nd}/u;

/** Decimal digit value of a code point, -1 when it is not a Unicode decimal digit (Python's `\d`). */
export function digitValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 128 || !nd.test(String.fromCodePoint(cp))) return -1;
  let zero = cp;
  while (nd.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** Python `\d+` over `p[i..e)`. */
export function isDigits(p: string, i: number, e: number): boolean {
  if (e <= i) return false;
  for (let k = i; k < e; k++) {
    const c = p.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    if (c < 128) return false;
    const cp = p.codePointAt(k)!;
    if (digitValue(cp) < 0) return false;
    if (cp > 0xffff) k++;
  }
  return true;
}

/** Python `-?\d+`. */
export function isSignedDigits(p: string, i: number, e: number): boolean {
  return isDigits(p, p.charCodeAt(i) === 45 ? i + 1 : i, e);
}

/** Python `-?\d+\.\d+`. */
export function isFloat(p: string, i: number, e: number, signed: boolean): boolean {
  if (signed && p.charCodeAt(i) === 45) i++;
  const dot = p.indexOf(".", i);
  return dot > i && dot < e - 1 && isDigits(p, i, dot) && isDigits(p, dot + 1, e);
}

const HEXDIGIT = new Uint8Array(128);
for (const c of "0123456789abcdefABCDEF") HEXDIGIT[c.charCodeAt(0)] = 1;
/** 8-4-4-4-12 hex digits, any case. */
export function isUuid(p: string, i: number, e: number): boolean {
  if (e - i !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const c = p.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (c >= 128 || HEXDIGIT[c] === 0) {
      return false;
    }
  }
  return true;
}

/** Length of `p[i..e)` in code points, as Python counts `[^/]{m,n}`. */
export function codePointLength(p: string, i: number, e: number): number {
  let n = e - i;
  for (let k = i; k < e; k++) {
    const c = p.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < e) {
      const d = p.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        k++;
      }
    }
  }
  return n;
}

export function lengthBetween(p: string, i: number, e: number, min: number, max: number): boolean {
  if (e - i < min) return false;
  const n = codePointLength(p, i, e);
  return n >= min && n <= max;
}

/** Python `[^/].*?` over `p[a..b)`: not empty, no leading `/`, no newline after the first character. */
export function isPathValue(p: string, a: number, b: number): boolean {
  if (b <= a || p.charCodeAt(a) === 47) return false;
  const nl = p.indexOf("\n", a + 1);
  return nl === -1 || nl >= b;
}

/**
 * Python's default `sys.get_int_max_str_digits()`: `int()` refuses longer digit strings, since
 * converting them costs quadratic time (CVE-2020-10735); so does JS's `BigInt(string)`.
 */
const MAX_INT_DIGITS = 4300;

/**
 * Python's `int(text)` for text already matched by `-?\d+`: a number, a bigint beyond 2^53, or
 * null beyond MAX_INT_DIGITS digits.
 */
function parseDigits(text: string): number | bigint | null {
  if (text.length > MAX_INT_DIGITS + 1 && codePointLength(text, 0, text.length) - (text.charCodeAt(0) === 45 ? 1 : 0) > MAX_INT_DIGITS) return null;
  const negative = text.charCodeAt(0) === 45;
  let n = 0;
  if (text.length <= (negative ? 16 : 15)) {
    // Up to 15 digits the value is exact in a double: one pass, no regex, no Number(string).
    let k = negative ? 1 : 0;
    for (; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (k === text.length) return negative && n !== 0 ? -n : n;
  }
  let ascii = "";
  for (const ch of text) ascii += ch === "-" ? "-" : String(digitValue(ch.codePointAt(0)!));
  n = Number(ascii);
  if (n === 0) return 0; // Python has no -0
  return Number.isSafeInteger(n) ? n : BigInt(ascii);
}

/** Replaces Unicode decimal digits by ASCII ones (Python's int() and float() accept them). */
function asciiDigits(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const value = digitValue(ch.codePointAt(0)!);
    out += value >= 0 ? String(value) : ch;
  }
  return out;
}

function outside(value: number | bigint, min: number | null, max: number | null): boolean {
  return (min !== null && value < min) || (max !== null && value > max);
}

const cpLen = (s: string) => codePointLength(s, 0, s.length);

/** Python's `int(value)` for build values; throws like Python's ValueError/TypeError. */
export function pyInt(value: unknown): number | bigint {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`wz: cannot convert ${value} to an integer`);
    return Math.trunc(value);
  }
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const text = value.trim();
    const ascii = asciiDigits(text.replace(/^[+]/, ""));
    if (/^-?[0-9]+(_[0-9]+)*$/.test(ascii.replace(/^-/, "-"))) {
      const number = parseDigits(ascii.replace(/_/g, ""));
      if (number !== null) return number;
      throw new TypeError(`wz: exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion`);
    }
  }
  throw new TypeError(`wz: invalid literal for int(): ${JSON.stringify(value)}`);
}

/** Python's `float(value)` for build values. */
export function pyFloat(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    const number = pyFloatValue(pyStrip(asciiDigits(value)));
    if (number !== null) return number;
  }
  throw new TypeError(`wz: could not convert ${JSON.stringify(value)} to float`);
}

function zfill(text: string, width: number): string {
  if (text.length >= width) return text;
  const sign = text[0] === "-" || text[0] === "+" ? text[0] : "";
  return sign + "0".repeat(width - text.length) + text.slice(sign.length);
}

export function stringConverter(): RuntimeConverter {
  return { toValue: (raw) => raw, toUrl: (value) => quotePath(pyStr(value)), plainUrl: "text" };
}

export const pathConverter = stringConverter;

export function anyConverter(items: readonly string[]): RuntimeConverter {
  return {
    toValue: (raw) => raw,
    toUrl(value) {
      if (typeof value === "string" && items.includes(value)) return value;
      const valid = [...items]
        .sort()
        .map((item) => `'${item}'`)
        .join(", ");
      throw new RangeError(`wz: '${pyStr(value)}' is not one of ${valid}`);
    },
  };
}

export function uuidConverter(): RuntimeConverter {
  return { toValue: (raw) => raw.toLowerCase(), toUrl: (value) => pyStr(value) };
}

export function intConverter(fixedDigits: number, min: number | null, max: number | null): RuntimeConverter {
  return {
    toValue(raw) {
      if (fixedDigits && cpLen(raw) !== fixedDigits) return INVALID;
      const value = parseDigits(raw);
      // Werkzeug lets Python's ValueError escape here (a 500); too many digits simply does not match.
      if (value === null) return INVALID;
      return outside(value, min, max) ? INVALID : value;
    },
    toUrl(value) {
      const text = String(pyInt(value));
      return fixedDigits ? zfill(text, fixedDigits) : text;
    },
    plainUrl: fixedDigits ? undefined : "integer",
  };
}

export function floatConverter(min: number | null, max: number | null): RuntimeConverter {
  return {
    toValue(raw) {
      const value = Number(asciiDigits(raw));
      return outside(value, min, max) ? INVALID : value;
    },
    toUrl: (value) => pyFloatRepr(pyFloat(value)),
  };
}

/** Wraps a user's converter: ValidationError becomes INVALID, the output is percent-encoded. */
export function customConverter(converter: Converter): RuntimeConverter {
  return {
    toValue(raw) {
      if (!converter.toValue) return raw;
      try {
        return converter.toValue(raw);
      } catch (e) {
        if (e instanceof ValidationError) return INVALID;
        throw e;
      }
    },
    toUrl(value) {
      try {
        return quotePath(converter.toUrl ? converter.toUrl(value) : pyStr(value));
      } catch (e) {
        if (e instanceof ValidationError) return INVALID;
        throw e;
      }
    },
  };
}
