// The production access log: one line per response in the Combined Log Format of Apache httpd
// and nginx, which log tools (goaccess, awstats, fail2ban, ...) read without configuration:
//   127.0.0.1 - - [07/Dec/2026:22:40:56 +0000] "GET /users/5 HTTP/1.1" 200 13 "-" "curl/8.5.0"
// Quotes, backslashes and bytes outside printable ASCII in the request line and the quoted
// headers are written as `\"`, `\\` and `\xhh`, as httpd does, so a client cannot forge a line.
import type { IncomingMessage } from "node:http";
import type { Request } from "../wrappers/request.js";

/** Where access log lines go: a function called with each line (without the newline). */
export type AccessLogWriter = (line: string) => void;

/** The client's request as the log shows it, and what was sent back. */
export interface LoggedExchange {
  req: IncomingMessage;
  request: Request;
  /** When the request arrived (ms since the epoch). */
  receivedAt: number;
  /** The socket's peer address when the request arrived (the socket may be gone by the end). */
  peerAddress: string | undefined;
  status: number;
  /** Body bytes sent (0 prints as `-`). */
  bytes: number;
}

/** One Combined Log Format line. */
export function combinedLogLine({ req, request, receivedAt, peerAddress, status, bytes }: LoggedExchange): string {
  // The connection's peer: behind a proxy that is the proxy (proxyFix gives the app a derived
  // request and leaves the server's view alone); the proxy's own log has the client.
  const address = peerAddress ?? "-";
  const requestLine = escapeLogged(`${req.method} ${req.url} HTTP/${req.httpVersion}`);
  const referer = request.headers.get("referer");
  const agent = request.headers.get("user-agent");
  return (
    `${address} - - [${logTime(receivedAt)}] "${requestLine}" ${status} ${bytes === 0 ? "-" : bytes} ` +
    `"${referer === undefined ? "-" : escapeLogged(referer)}" "${agent === undefined ? "-" : escapeLogged(agent)}"`
  );
}

/** Writes lines to a stream (stdout by default). */
export function streamWriter(stream: NodeJS.WritableStream = process.stdout): AccessLogWriter {
  return (line) => {
    stream.write(`${line}\n`);
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// A busy server logs many lines in the same second: the formatted time is kept per second.
let cachedSecond = -1;
let cachedTime = "";

/** `07/Dec/2026:22:40:56 +0000` in local time, as httpd's `%t`. */
export function logTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === cachedSecond) return cachedTime;
  const date = new Date(second * 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const zone = `${offset < 0 ? "-" : "+"}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  cachedTime =
    `${two(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()}:` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} ${zone}`;
  cachedSecond = second;
  return cachedTime;
}

// One character class, no repetition: linear in the input.
const UNSAFE = /["\\\x00-\x1f\x7f-\uffff]/g;

function escapeLogged(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '"' || c === "\\") return `\\${c}`;
    const code = c.charCodeAt(0);
    // node decodes header bytes as latin1, so each char here is one byte of the request.
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : escapeUtf8(c);
  });
}

function escapeUtf8(c: string): string {
  let out = "";
  for (const byte of Buffer.from(c, "utf8")) out += `\\x${byte.toString(16).padStart(2, "0")}`;
  return out;
}
