// Werkzeug's `secure_filename`, with the Windows rules applied on every OS so one code path
// is safe wherever the file is later written (Werkzeug applies them only when running on
// Windows; on POSIX it leaves `\` and device names alone).

import { trimChars } from "../text/trim.js";

// Windows device names (Werkzeug's list). After the ASCII filter only the ASCII ones can occur.
const WINDOWS_DEVICE_NAMES = new Set(["AUX", "CON", "CONIN$", "CONOUT$", "NUL", "PRN", ...[..."123456789"].flatMap((digit) => [`COM${digit}`, `LPT${digit}`])]);
// Python's str.split() whitespace, once only ASCII is left.
const WHITESPACE_RUN = /[\t\n\v\f\r\x1c-\x20]+/;
const UNSAFE = /[^A-Za-z0-9_.-]/g;

/**
 * A filename safe to join to a directory: ASCII letters, digits, `_`, `.` and `-` only, no
 * path separators, no leading dot. May be "" (then pick a name yourself).
 *
 *     secureFilename("My cool movie.mov")   // "My_cool_movie.mov"
 *     secureFilename("../../../etc/passwd") // "etc_passwd"
 */
export function secureFilename(filename: string): string {
  let name = filename.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  name = name.replaceAll("/", " ").replaceAll("\\", " ");
  name = name
    .split(WHITESPACE_RUN)
    .filter((word) => word !== "")
    .join("_")
    .replace(UNSAFE, "");
  name = trimChars(name, "._");
  if (name !== "" && WINDOWS_DEVICE_NAMES.has(name.split(".")[0]!.toUpperCase())) name = `_${name}`;
  return name;
}
