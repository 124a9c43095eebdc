// Werkzeug's partial unquoting (urls._make_unquote_part): percent escapes are decoded as UTF-8
// except those of characters that would change what a URL part means; bytes that are not valid
// UTF-8 stay percent-encoded. As Python's unquote, only runs of ASCII are decoded, so an escape
// next to a literal non-ASCII character never joins it.
import { decodeRequoting } from "../forms/urlencoded.js";

// Controls, space, `%` and DEL stay encoded in every part (the WHATWG percent-encode sets).
export const alwaysUnsafe = `${String.fromCharCode(...Array.from({ length: 0x21 }, (_, i) => i))}%\x7f`;

function hex(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Decodes `%XX` escapes in `value` except those of the ASCII characters in `keep`. */
export function unquotePart(value: string, keep: string): string {
  if (!value.includes("%")) return value;
  let out = "";
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) out += decodeRequoting(Uint8Array.from(bytes));
    bytes = [];
  };
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x25 && i + 2 < value.length + 0 && hex(value.charCodeAt(i + 1)) !== -1 && hex(value.charCodeAt(i + 2)) !== -1) {
      const byte = hex(value.charCodeAt(i + 1)) * 16 + hex(value.charCodeAt(i + 2));
      if (byte < 0x80 && keep.includes(String.fromCharCode(byte))) {
        flush();
        out += value.slice(i, i + 3);
      } else {
        bytes.push(byte);
      }
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      flush();
      out += value[i];
    }
  }
  flush();
  return out;
}
