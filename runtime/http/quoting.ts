// Quoting of header values (RFC 9110 tokens and quoted strings) and percent-decoding of
// RFC 2231 extended parameters, shared by every header parser and dumper.

/** RFC 9110 `token`: the characters a header value may carry without quotes. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Quotes a value for a header when needed (Werkzeug `quote_header_value`): the empty string
 * becomes `""`, a token stays bare (unless `allowToken` is false), anything else is wrapped in
 * double quotes with `\` and `"` backslash-escaped.
 */
export function quoteHeaderValue(value: unknown, allowToken = true): string {
  const text = String(value);
  if (text === "") return '""';
  if (allowToken && TOKEN.test(text)) return text;
  // A scan, not `replace(/[\\"]/g, …)`: V8 collects a global replace's matches in one array,
  // which for a value of thousands of quotes outgrows the young generation.
  let quoted = '"';
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x5c || code === 0x22) {
      quoted += `${text.slice(start, at)}\\`;
      start = at;
    }
  }
  return `${quoted}${text.slice(start)}"`;
}

/** Removes surrounding double quotes and every backslash escape (Werkzeug `unquote_header_value`). */
export function unquoteHeaderValue(value: string): string {
  if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
    return value.slice(1, -1).replace(/\\([\s\S])/g, "$1");
  }
  return value;
}

/** The charsets Werkzeug decodes in `key*=charset''value`; any other leaves the value as sent. */
export const RFC2231_CHARSETS: ReadonlySet<string> = new Set(["ascii", "us-ascii", "utf-8", "iso-8859-1"]);

/** `charset'language'value` of an RFC 2231 extended value; the language part is ignored. */
export const CHARSET_VALUE = /^([\w!#$%&*+\-.^`|~]*)'[\w!#$%&*+\-.^`|~]*'([\w!#$%&'*+\-.^`|~]+)/;

const utf8 = new TextDecoder("utf-8");

function decodeBytes(bytes: Uint8Array, charset: string): string {
  if (charset === "utf-8") return utf8.decode(bytes);
  if (charset === "iso-8859-1") return String.fromCharCode(...bytes);
  // ascii with replacement: a byte above 0x7F is not ASCII
  return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : "\uFFFD")).join("");
}

/**
 * Python's `urllib.parse.unquote(text, encoding)` with replacement: each run of `%XX` escapes is
 * decoded as bytes in `charset`; other text (including a `%` not followed by two hex digits) is kept.
 */
export function percentDecode(text: string, charset: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decodeBytes(bytes, charset);
  });
}
