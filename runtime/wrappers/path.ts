// Path decoding (REQ-02): percent escapes decoded to bytes, then UTF-8 with U+FFFD for bad
// bytes; `%2F` becomes `/` (the WSGI PATH_INFO semantics Werkzeug has); invalid escapes such
// as `%zz` stay as written. The path always starts with exactly one `/`.

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Decodes a raw request path (the part before `?`). */
export function decodePath(raw: string): string {
  let path = raw;
  // Without a `%` there is nothing to decode (node:http only accepts ASCII targets; a non-ASCII
  // path from a test or script is already text).
  if (path.includes("%")) {
    const bytes = Buffer.from(path, "utf8");
    const out = Buffer.allocUnsafe(bytes.length);
    let length = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === 0x25 && i + 2 < bytes.length) {
        const high = hexValue(bytes[i + 1]!);
        const low = hexValue(bytes[i + 2]!);
        if (high !== -1 && low !== -1) {
          out[length++] = high * 16 + low;
          i += 2;
          continue;
        }
      }
      out[length++] = byte;
    }
    path = out.toString("utf8", 0, length);
  }
  if (path.charCodeAt(0) === 47 && path.charCodeAt(1) !== 47) return path;
  let start = 0;
  while (path.charCodeAt(start) === 47) start++;
  return `/${path.slice(start)}`;
}
