// The request log line of Werkzeug's development server:
//   127.0.0.1 - - [26/Nov/2026 13:48:13] "GET /påth HTTP/1.1" 200 -
// coloured by status when the terminal supports it.
import { alwaysUnsafe, unquotePart } from "../utils/unquote-part.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const STYLE_CODES = { bold: 1, red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36 } as const;
type Style = keyof typeof STYLE_CODES;

/** Colour only a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: { isTTY?: boolean }): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

/** Werkzeug's `_ansi_style`: each style wraps the previous one, one reset at the end. */
export function ansiStyle(text: string, colour: boolean, ...styles: Style[]): string {
  if (!colour) return text;
  let value = text;
  for (const style of styles) value = `\x1b[${STYLE_CODES[style]}m${value}`;
  return `${value}\x1b[0m`;
}

/** "26/Nov/2026 13:48:13" in local time, as Python's http.server writes it. */
export function logDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${two(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()} ` + `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

export interface LoggedRequest {
  remoteAddress: string | undefined;
  method: string;
  target: string;
  httpVersion: string;
  status: number;
  at?: Date;
}

export function formatRequestLine(request: LoggedRequest, colour: boolean): string {
  const requestLine = escapeControls(`${request.method} ${targetForDisplay(request.target)} HTTP/${request.httpVersion}`);
  const code = String(request.status);
  const address = request.remoteAddress ?? "<local>";
  return `${address} - - [${logDateTime(request.at ?? new Date())}] "${styleByStatus(requestLine, code, colour)}" ${code} -`;
}

function styleByStatus(text: string, code: string, colour: boolean): string {
  if (code.startsWith("1")) return ansiStyle(text, colour, "bold");
  if (code === "200") return text;
  if (code === "304") return ansiStyle(text, colour, "cyan");
  if (code.startsWith("3")) return ansiStyle(text, colour, "green");
  if (code === "404") return ansiStyle(text, colour, "yellow");
  if (code.startsWith("4")) return ansiStyle(text, colour, "bold", "red");
  return ansiStyle(text, colour, "bold", "magenta");
}

// Werkzeug logs `uri_to_iri(path)`: valid UTF-8 escapes are shown decoded, except the
// characters that would change the URL's meaning (and controls, space and "%").
const KEEP_IN_PATH = `${alwaysUnsafe}/?#`;
const KEEP_IN_QUERY = `${alwaysUnsafe}&=+#`;

export function targetForDisplay(target: string): string {
  const queryAt = target.indexOf("?");
  if (queryAt < 0) return unquotePart(target, KEEP_IN_PATH);
  return `${unquotePart(target.slice(0, queryAt), KEEP_IN_PATH)}?${unquotePart(target.slice(queryAt + 1), KEEP_IN_QUERY)}`;
}

// Python 3.12's http.server escapes C0/C1 controls and the backslash in logged request lines.
function escapeControls(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f\\]/g, (c) => (c === "\\" ? "\\\\" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}
