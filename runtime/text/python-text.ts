// Python's notions of whitespace and of a float literal, as character scans. Werkzeug leans on
// `str.strip()`, `\s` and `float()`; regexes that spell these out (`[ws]+$`, `\d+\.?\d*`) retry
// at every position of a long run and cost quadratic time, so wz scans once instead.

/** Python's `str.isspace()` for one UTF-16 code unit (no whitespace lies outside the BMP). */
export function isPyWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `\s` under `re.ASCII`: space, tab, newline, carriage return, form feed, vertical tab. */
export function isAsciiWhitespace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Python's `str.lstrip()`. */
export function pyStripStart(text: string): string {
  let start = 0;
  while (start < text.length && isPyWhitespace(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

/** Python's `str.strip()` (JS's `trim()` also strips U+FEFF, and not U+001C-U+001F or U+0085). */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPyWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isPyWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** End of `digit+ ('_' digit+)*` starting at `at` (Python's digitpart), or -1. */
function digitPartEnd(text: string, at: number): number {
  if (!isAsciiDigit(text.charCodeAt(at))) return -1;
  let end = at + 1;
  for (;;) {
    while (isAsciiDigit(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) !== 0x5f || !isAsciiDigit(text.charCodeAt(end + 1))) return end;
    end += 1;
  }
}

/**
 * Whether `text` (already stripped, ASCII digits) is a literal Python's `float()` reads:
 * `[+-]` then `digits[.[digits]]` or `.digits`, an optional exponent, underscores only between
 * digits; or `inf`, `infinity`, `nan` in any case.
 */
export function isPyFloatLiteral(text: string): boolean {
  let at = text.charCodeAt(0) === 0x2b || text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (text.length - at <= 8) {
    const word = text.slice(at).toLowerCase();
    if (word === "inf" || word === "infinity" || word === "nan") return true;
  }
  const whole = digitPartEnd(text, at);
  if (whole !== -1) {
    at = whole;
    if (text.charCodeAt(at) === 0x2e) {
      const fraction = digitPartEnd(text, at + 1);
      at = fraction === -1 ? at + 1 : fraction;
    }
  } else {
    if (text.charCodeAt(at) !== 0x2e) return false;
    at = digitPartEnd(text, at + 1);
    if (at === -1) return false;
  }
  if (text.charCodeAt(at) === 0x65 || text.charCodeAt(at) === 0x45) {
    at += text.charCodeAt(at + 1) === 0x2b || text.charCodeAt(at + 1) === 0x2d ? 2 : 1;
    at = digitPartEnd(text, at);
    if (at === -1) return false;
  }
  return at === text.length;
}

/** Python's `float(text)` for stripped text with ASCII digits, or null where Python raises ValueError. */
export function pyFloatValue(text: string): number | null {
  if (!isPyFloatLiteral(text)) return null;
  const plain = text.replaceAll("_", "").toLowerCase();
  if (plain.endsWith("nan")) return NaN;
  if (plain.endsWith("inf") || plain.endsWith("infinity")) return plain.charCodeAt(0) === 0x2d ? -Infinity : Infinity;
  return Number(plain);
}
