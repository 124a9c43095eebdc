// Cookie and Set-Cookie. Werkzeug quotes values with Python-style `\ooo` octal escapes (not
// percent-encoding), so cookies are read and written byte for byte like Flask/Werkzeug services.

import { domainToASCII } from "node:url";
import { MultiDict, type MultiDictInit } from "../datastructures/multidict.js";
import { httpDate, parseDate } from "./dates.js";
import { ForwardScan } from "./forward-scan.js";
import { isAsciiWhitespace, pyStrip } from "../text/python-text.js";

const utf8 = new TextDecoder("utf-8");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `\ooo` (octal, first digit 0-3) or `\X`, decoded on the UTF-8 bytes of a quoted value. */
function unslash(quoted: string): string {
  const bytes = Buffer.from(quoted, "utf8");
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    // `\` followed by a newline does not match Python's `.`; the backslash is kept
    if (byte !== 0x5c || i + 1 >= bytes.length || bytes[i + 1] === 0x0a) {
      out.push(byte);
      continue;
    }
    const a = bytes[i + 1]!,
      b = bytes[i + 2],
      c = bytes[i + 3];
    if (a >= 0x30 && a <= 0x33 && b !== undefined && b >= 0x30 && b <= 0x37 && c !== undefined && c >= 0x30 && c <= 0x37) {
      out.push(((a - 0x30) << 6) | ((b - 0x30) << 3) | (c - 0x30));
      i += 3;
    } else {
      out.push(a);
      i += 1;
    }
  }
  return utf8.decode(Uint8Array.from(out));
}

/**
 * Node hands header values over as latin-1 text (one char per byte), as WSGI does; Werkzeug's
 * `parse_cookie` re-decodes them as UTF-8. Text that is already proper Unicode (any char above
 * U+00FF) or is not valid UTF-8 is used as it is.
 */
function redecodeLatin1(header: string): string {
  if (!/[\x80-\xff]/.test(header) || /[^\x00-\xff]/.test(header)) return header;
  try {
    return strictUtf8.decode(Buffer.from(header, "latin1"));
  } catch {
    return header;
  }
}

/**
 * Parses a `Cookie` header (Werkzeug `parse_cookie`) into a MultiDict: duplicates are kept in
 * order, a pair without `=` gets `""`, nameless pairs are dropped (so `=__Host-x=bad` cannot pose
 * as `__Host-x`, CVE-2023-23934), quoted values are unquoted with `\ooo` octal escapes, and
 * unquoted values are not percent-decoded. Never throws. Pass `ImmutableMultiDict` as `cls` for
 * a read-only result.
 */
export function parseCookie<D = MultiDict<string>>(
  header: string | null | undefined,
  cls: new (init: MultiDictInit<string>) => D = MultiDict as unknown as new (
    init: MultiDictInit<string>,
  ) => D,
): D {
  const pairs: [string, string][] = [];
  if (header) {
    for (const [rawName, rawValue] of new CookieScanner(`${redecodeLatin1(header)};`).pairs()) {
      const name = pyStrip(rawName);
      let value = pyStrip(rawValue);
      if (!name) continue;
      if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') value = unslash(value.slice(1, -1));
      pairs.push([name, value]);
    }
  }
  return new cls(pairs);
}

/**
 * The pairs Werkzeug's `_cookie_re.findall` finds in a header that ends with `;`:
 *
 *     ([^=;]*)(?:\s*=\s*("(?:[^\\"]|\\.)*"|.*?))?\s*;\s*      (re.ASCII: \s is [ \t\n\r\f\v])
 *
 * in one forward pass. The regex tries the lazy `.*?` at every position of a whitespace run,
 * and findall retries a failed match at every following position: quadratic on long runs.
 * Here a match is decided by where the next `;` and the next newline are (ForwardScan), and a failed match resumes right after its `=`, where findall's next
 * successful match begins.
 */
class CookieScanner {
  private readonly scan: ForwardScan;

  constructor(private readonly text: string) {
    this.scan = new ForwardScan(text, isAsciiWhitespace);
  }

  *pairs(): Generator<[string, string]> {
    const text = this.text;
    for (let at = 0; at < text.length; ) {
      // Group 1, greedy: everything up to the next `=` or `;`.
      let nameEnd = at;
      while (nameEnd < text.length && text.charCodeAt(nameEnd) !== EQUALS && text.charCodeAt(nameEnd) !== SEMICOLON) nameEnd++;
      if (nameEnd === text.length) return;
      if (text.charCodeAt(nameEnd) === SEMICOLON) {
        yield [text.slice(at, nameEnd), ""];
        at = this.scan.skipSpaces(nameEnd + 1);
        continue;
      }
      const valueStart = this.scan.skipSpaces(nameEnd + 1);
      const match = this.quotedValue(valueStart) ?? this.lazyValue(valueStart);
      if (match === null) {
        // No match starts anywhere up to the `=`; findall's next one starts after it.
        at = nameEnd + 1;
        continue;
      }
      yield [text.slice(at, nameEnd), text.slice(valueStart, match.valueEnd)];
      at = this.scan.skipSpaces(match.semicolon + 1);
    }
  }

  /** `"(?:[^\\"]|\\.)*"` then `\s*;`; `.` is anything but a newline. */
  private quotedValue(start: number): { valueEnd: number; semicolon: number } | null {
    const text = this.text;
    if (text.charCodeAt(start) !== QUOTE) return null;
    for (let at = start + 1; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === BACKSLASH) {
        if (at + 1 >= text.length || text.charCodeAt(at + 1) === NEWLINE) return null;
        at++;
      } else if (code === QUOTE) {
        const after = this.scan.skipSpaces(at + 1);
        return text.charCodeAt(after) === SEMICOLON ? { valueEnd: at + 1, semicolon: after } : null;
      }
    }
    return null;
  }

  /**
   * `.*?` then `\s*;`: the shortest value after which only whitespace comes before a `;`, so it
   * ends where the whitespace before the next `;` begins; `.` cannot cross a newline.
   */
  private lazyValue(start: number): { valueEnd: number; semicolon: number } | null {
    const semicolon = this.scan.next(";", start);
    const valueEnd = Math.max(start, this.scan.spaceRunBefore(semicolon));
    return this.scan.next("\n", start) < valueEnd ? null : { valueEnd, semicolon };
  }
}

const EQUALS = 0x3d;
const SEMICOLON = 0x3b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

export type SameSite = "Strict" | "Lax" | "None" | "strict" | "lax" | "none";

export interface CookieOptions {
  /** Lifetime in seconds (a string must spell an integer); also sets Expires to now + maxAge unless `expires` is given (`syncExpires`). */
  maxAge?: number | null;
  /** A Date, seconds since the epoch (as Werkzeug), or an HTTP date string (anything else throws TypeError). */
  expires?: Date | number | string | null;
  /** Default "/"; null leaves the attribute out. Percent-quoted (so `;` cannot end it). */
  path?: string | null;
  /** Port stripped, leading dot removed, IDNA-encoded. */
  domain?: string | null;
  secure?: boolean;
  httpOnly?: boolean;
  /** Strict, Lax or None (case-insensitive); anything else throws. */
  sameSite?: SameSite | string | null;
  /** CHIPS partitioned cookie; implies Secure. */
  partitioned?: boolean;
  /** Derive Expires from maxAge (default true). */
  syncExpires?: boolean;
  /** Warn when the header is longer than this (default 4093; 0 disables). */
  maxSize?: number;
}

// Cookie-octets plus a few more that browsers accept unquoted (Werkzeug 2.3.1).
const COOKIE_NO_QUOTE = /^[\w!#$%&'()*+\-./:<=>?@[\]^`{|}~]*$/;
// Characters that would end the name or the header; Werkzeug sends any key, wz refuses these.
const COOKIE_NAME_FORBIDDEN = /[\x00-\x20\x7f;=,"]/;
const PATH_SAFE = /[A-Za-z0-9_.\-~%!$&'()*+,/:=@]/;

function quoteCookieValue(value: string): string {
  if (COOKIE_NO_QUOTE.test(value)) return value;
  let quoted = "";
  for (const byte of Buffer.from(value, "utf8")) {
    if (byte === 0x22) quoted += '\\"';
    else if (byte === 0x5c) quoted += "\\\\";
    // Werkzeug's pattern escapes 0x00-0x19 (not 0x1a-0x1f), `,`, `;` and 0x7f-0xff
    else if (byte <= 0x19 || byte === 0x2c || byte === 0x3b || byte >= 0x7f) quoted += `\\${byte.toString(8).padStart(3, "0")}`;
    else quoted += String.fromCharCode(byte);
  }
  return `"${quoted}"`;
}

/** Python's `urllib.parse.quote(path, safe="%!$&'()*+,/:=@")`. */
function quotePath(path: string): string {
  let result = "";
  for (const char of path) {
    if (PATH_SAFE.test(char)) {
      result += char;
      continue;
    }
    for (const byte of Buffer.from(char, "utf8")) result += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return result;
}

/** Python's `idna` codec: ASCII labels are kept as written, others are punycoded. */
function encodeDomain(domain: string): string {
  const host = domain.split(":")[0]!.replace(/^\.+/, "");
  const labels = host.split(".").map((label) => {
    if (/^[\x00-\x7f]*$/.test(label)) return label;
    const ascii = domainToASCII(label);
    if (!ascii) throw new TypeError(`wz: cookie domain ${JSON.stringify(domain)} is not a valid host name`);
    return ascii;
  });
  const encoded = labels.join(".");
  // An ASCII domain passes Python's codec untouched; refusing separators keeps it one attribute.
  if (/[\x00-\x20\x7f;,"]/.test(encoded)) throw new TypeError(`wz: cookie domain ${JSON.stringify(domain)} is not a valid host name`);
  return encoded;
}

/**
 * An Expires string must be an HTTP date; it is written re-formatted, so nothing else it holds
 * (`"x; Domain=evil.example"`) reaches the header. Werkzeug writes a string as it is.
 */
function checkExpires(expires: string): Date {
  const date = parseDate(expires);
  if (date === null) throw new TypeError(`wz: cookie expires ${JSON.stringify(expires)} is not an HTTP date (give a Date or seconds since the epoch)`);
  return date;
}

/** Max-Age is a number of seconds; a string must spell an integer (`"60"`). */
function checkMaxAge(maxAge: unknown): number | null {
  if (maxAge === null) return null;
  if (typeof maxAge === "number" && Number.isFinite(maxAge)) return maxAge;
  if (typeof maxAge === "string" && /^\s*-?[0-9]+\s*$/.test(maxAge)) return Number(maxAge);
  throw new TypeError(`wz: cookie maxAge ${JSON.stringify(String(maxAge))} is not a number of seconds`);
}

/**
 * Serialises a `Set-Cookie` value (Werkzeug `dump_cookie`): `key=value` then Domain, Expires,
 * Max-Age, Secure, HttpOnly, Path, SameSite, Partitioned in that order. Values that are not
 * cookie-safe are quoted with `\ooo` escapes; a non-ASCII key is sent as UTF-8 bytes. Emits a
 * `process` warning (not an error) when the result is longer than `maxSize` (default 4093).
 */
export function dumpCookie(key: string, value = "", options: CookieOptions = {}): string {
  const { domain = null, secure = false, httpOnly = false, syncExpires = true, maxSize = 4093, partitioned = false } = options;
  let { expires = null, path = "/", sameSite = null } = options;
  const maxAge = checkMaxAge(options.maxAge ?? null);

  if (COOKIE_NAME_FORBIDDEN.test(key)) {
    throw new TypeError(`wz: invalid cookie name ${JSON.stringify(key)}: it must not contain spaces, control characters, ';', '=', ',' or '"'`);
  }
  if (path !== null) path = quotePath(path);
  const encodedDomain = domain ? encodeDomain(domain) : null;
  let expiresText: string | null = null;
  if (expires !== null) {
    expiresText = httpDate(typeof expires === "string" ? checkExpires(expires) : expires);
  } else if (maxAge !== null && syncExpires) {
    expiresText = httpDate(Date.now() / 1000 + maxAge);
  }
  if (sameSite !== null) {
    const titled = sameSite.charAt(0).toUpperCase() + sameSite.slice(1).toLowerCase();
    if (titled !== "Strict" && titled !== "Lax" && titled !== "None") {
      throw new TypeError("SameSite must be 'Strict', 'Lax', or 'None'.");
    }
    sameSite = titled;
  }
  const quotedValue = quoteCookieValue(value);
  // what Python does to send a non-ASCII key: its UTF-8 bytes, one char per byte
  const wireKey = Buffer.from(key, "utf8").toString("latin1");

  const parts = [`${wireKey}=${quotedValue}`];
  const attributes: [string, string | number | boolean | null][] = [
    ["Domain", encodedDomain],
    ["Expires", expiresText],
    ["Max-Age", maxAge],
    ["Secure", secure || partitioned],
    ["HttpOnly", httpOnly],
    ["Path", path],
    ["SameSite", sameSite],
    ["Partitioned", partitioned],
  ];
  for (const [name, attribute] of attributes) {
    if (attribute === null || attribute === false) continue;
    parts.push(attribute === true ? name : `${name}=${attribute}`);
  }
  const cookie = parts.join("; ");

  if (maxSize && cookie.length > maxSize) {
    const valueSize = quotedValue.length;
    process.emitWarning(
      `The '${key}' cookie is too large: the value was ${valueSize} bytes but the header required ${cookie.length - valueSize} extra bytes. ` +
        `The final size was ${cookie.length} bytes but the limit is ${maxSize} bytes. Browsers may silently ignore cookies larger than this.`,
      { code: "WZ_COOKIE_TOO_LARGE" },
    );
  }
  return cookie;
}
