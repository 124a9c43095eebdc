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

// `Number("")` is 0 and `Number("abc")` is NaN rather than an error, so JS's own converters
// cannot signal failure. These two follow Python's int() and float() for the text they accept.
const INT_TEXT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const FLOAT_TEXT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?|\d+(?:_\d+)*\.|inf(?:inity)?|nan)\s*$/i;

/** Python `int(text)`: optional sign and surrounding whitespace, digits (with `_` between). Throws otherwise. */
export function asInt(value: string): number {
  if (typeof value !== "string" || !INT_TEXT.test(value)) {
    throw new RangeError(`invalid literal for int(): ${JSON.stringify(value)}`);
  }
  return Number(value.trim().replaceAll("_", ""));
}

/** Python `float(text)`: decimal or exponent notation, `inf` and `nan`. Throws otherwise. */
export function asFloat(value: string): number {
  if (typeof value !== "string" || !FLOAT_TEXT.test(value)) {
    throw new RangeError(`could not convert string to float: ${JSON.stringify(value)}`);
  }
  const text = value.trim().replaceAll("_", "").toLowerCase();
  const unsigned = text.replace(/^[+-]/, "");
  if (unsigned.startsWith("inf")) return text.startsWith("-") ? -Infinity : Infinity;
  if (unsigned === "nan") return NaN;
  return Number(text);
}
