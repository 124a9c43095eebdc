// Turns whatever an app process threw into a serialisable report that names the file at fault.
import { fileURLToPath } from "node:url";
import type { ErrorReport } from "./messages.js";

// "file:///srv/app.js:3" (first line of a V8 SyntaxError stack), "/srv/app.ts:3:10: ERROR" (the
// TypeScript loader), "at fn (file:///srv/app.js:5:9)" (a stack frame).
const LOCATION = /(?<=^|[\s(])((?:file:\/\/)?\/[^\s:()'"]+|[A-Za-z]:\\[^\s:()'"]+):(\d+)(?::(\d+))?/gm;

export function reportError(thrown: unknown): ErrorReport {
  if (!(thrown instanceof Error)) {
    return { name: "Error", message: String(thrown), stack: String(thrown) };
  }
  const stack = thrown.stack ?? `${thrown.name}: ${thrown.message}`;
  const report: ErrorReport = { name: thrown.name, message: thrown.message, stack };
  const where = locate(`${thrown.message}\n${stack}`);
  if (where !== undefined) Object.assign(report, where);
  return report;
}

/** The first location in the text that points at the user's own code. */
function locate(text: string): Pick<ErrorReport, "file" | "line" | "column"> | undefined {
  for (const match of text.matchAll(LOCATION)) {
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (file.includes("/node_modules/") || isOwnFile(file)) continue;
    const column = match[3] === undefined ? undefined : Number(match[3]);
    return { file, line: Number(match[2]), ...(column === undefined ? {} : { column }) };
  }
  return undefined;
}

// Frames of the dev server itself (the child bootstrap importing the app) are never the cause.
const ownFolder = fileURLToPath(new URL(".", import.meta.url));
function isOwnFile(file: string): boolean {
  return file.startsWith(ownFolder);
}

/** "TypeError: x is not a function (src/app.ts:5:9)": one line for the terminal. */
export function describeError(report: ErrorReport): string {
  const where = report.file === undefined ? "" : ` (${report.file}:${report.line ?? "?"}${report.column === undefined ? "" : `:${report.column}`})`;
  return `${report.name}: ${report.message.split("\n")[0]}${where}`;
}
