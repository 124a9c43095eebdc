// Typed lookups, Werkzeug's `type=` argument: a converter that throws means "not there".

/** Converts one stored value; throwing (any error) makes the lookup fall back to the default. */
export type Converter<V, T> = (value: V) => T;

/** Second argument of `get`: a converter, or `{ type, default }`. */
export type GetOptions<V, T, D> = { type?: Converter<V, T>; default?: D };

/** Applies a converter; `failed` is returned when it throws. */
export function convertOr<V, T, D>(value: V, type: Converter<V, T>, failed: D): T | D {
  try {
    return type(value);
  } catch {
    return failed;
  }
}

/** Converts every value, dropping those whose conversion throws (Werkzeug's `getlist(type=)`). */
export function convertAll<V, T>(values: readonly V[], type: Converter<V, T>): T[] {
  const result: T[] = [];
  for (const value of values) {
    try {
      result.push(type(value));
    } catch {
      // a value that does not convert is left out, as Werkzeug does
    }
  }
  return result;
}

import { pyFloatValue, pyStrip } from "../http/python-text.js";

// `Number("")` is 0 and `Number("abc")` is NaN rather than an error, so JS's own converters
// cannot signal failure. These two follow Python's int() and float() for the text they accept.
const INT_TEXT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Python's int() and float() read any Unicode decimal digit (`٣`, `𝟑`). Unicode encodes those in
 * runs of ten from 0 to 9, so a digit's value is its distance from the start of its run, mod 10.
 */
function asciiDigits(text: string): string {
  return text.replace(/[^\x00-\x7f]/gu, (char) => {
    if (!DECIMAL_DIGIT.test(char)) return char;
    let start = char.codePointAt(0)!;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((char.codePointAt(0)! - start) % 10);
  });
}

/** Python `int(text)`: optional sign and surrounding whitespace, digits (with `_` between). Throws otherwise. */
export function asInt(value: string): number {
  const text = typeof value === "string" ? asciiDigits(value) : "";
  if (!INT_TEXT.test(text)) {
    throw new RangeError(`invalid literal for int(): ${JSON.stringify(value)}`);
  }
  return Number(text.trim().replaceAll("_", ""));
}

/** Python `float(text)`: decimal or exponent notation, `inf` and `nan`. Throws otherwise. */
export function asFloat(value: string): number {
  const number = typeof value === "string" ? pyFloatValue(pyStrip(asciiDigits(value))) : null;
  if (number === null) throw new RangeError(`could not convert string to float: ${JSON.stringify(value)}`);
  return number;
}
