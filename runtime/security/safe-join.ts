// safeJoin (Werkzeug 3.1.8 security.safe_join): joins untrusted URL path parts onto a trusted
// directory, or answers null when a part could leave it. Werkzeug applies its Windows rules
// (backslash, drive roots, DOS device names) only when running on Windows; wz applies the POSIX
// and the Windows rules on every OS, so a path accepted here is safe wherever the app runs.
import { pyStrip } from "../text/python-text.js";

// https://chrisdenton.github.io/omnipath/Special%20Dos%20Device%20Names.html
const windowsDeviceNames = new Set([
  "AUX",
  "CON",
  "CONIN$",
  "CONOUT$",
  "NUL",
  "PRN",
  ..."123456789¹²³".split("").flatMap((digit) => [`COM${digit}`, `LPT${digit}`]),
]);

/** Python's `posixpath.normpath`: `.` and empty segments dropped, `..` folded where it can be. */
export function normpath(path: string): string {
  if (path === "") return ".";
  let initialSlashes = path.startsWith("/") ? 1 : 0;
  // POSIX keeps exactly two leading slashes; three or more count as one.
  if (initialSlashes === 1 && path.startsWith("//") && !path.startsWith("///")) initialSlashes = 2;
  const kept: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== ".." || (initialSlashes === 0 && kept.length === 0) || (kept.length > 0 && kept[kept.length - 1] === "..")) {
      kept.push(segment);
    } else if (kept.length > 0) {
      kept.pop();
    }
  }
  return "/".repeat(initialSlashes) + kept.join("/") || ".";
}

/** True when any `/` segment names a DOS device (`CON`, `nul.txt`, ` com1 `), as Windows reads it. */
function namesWindowsDevice(part: string): boolean {
  return part.split("/").some((segment) => {
    const dot = segment.indexOf(".");
    // Python's strip(), by a scan: a `[ws]+$` regex costs quadratic time on a long space run.
    const stem = pyStrip(dot === -1 ? segment : segment.slice(0, dot));
    return windowsDeviceNames.has(stem.toUpperCase());
  });
}

/** `ntpath.isabs` of Python 3.11: a root (`\x`, `/x`, UNC) or a drive with a root (`c:\`, `c:/`). */
function isWindowsAbsolute(part: string): boolean {
  const head = part.slice(0, 3).replaceAll("/", "\\");
  return head.startsWith("\\") || head.startsWith(":\\", 1);
}

function isUnsafePart(part: string): boolean {
  return part.startsWith("/") || part === ".." || part.startsWith("../") || part.includes("\\") || isWindowsAbsolute(part) || namesWindowsDevice(part);
}

/**
 * Joins untrusted parts (from a URL, `/`-separated) onto a trusted `directory`:
 * `safeJoin("static", "css/site.css")` is `"static/css/site.css"`; a part that is absolute,
 * climbs out with `..`, holds a backslash or names a Windows device gives null. Empty parts
 * are skipped; an empty directory means `.`.
 */
export function safeJoin(directory: string, ...untrusted: string[]): string | null {
  let joined = directory === "" ? "." : directory;
  for (const raw of untrusted) {
    if (raw === "") continue;
    const part = normpath(raw);
    if (isUnsafePart(part)) return null;
    joined = joined.endsWith("/") ? joined + part : `${joined}/${part}`;
  }
  return joined;
}
