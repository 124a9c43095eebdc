// `value; key=param` headers: Content-Type, Content-Disposition, Accept items.

import { CHARSET_VALUE, RFC2231_CHARSETS, percentDecode, quoteHeaderValue } from "./quoting.js";
import { pyStrip, pyStripStart } from "../text/python-text.js";

const PARAMETER_KEY = /^([\w!#$%&'*+\-.^`|~]+)=/;
const PARAMETER_TOKEN_VALUE = /^[\w!#$%&'*+\-.^`|~]+/;
const CONTINUATION = /\*(\d+)$/;

/**
 * Splits a header such as `text/html; charset="utf-8"` into its value and its parameters
 * (Werkzeug `parse_options_header`). Parameter keys are lower-cased; quoted values are unquoted
 * (`\\`, `\"` and `%22`); RFC 2231 `key*=utf-8''%E2%82%AC` values are decoded for ascii, us-ascii,
 * utf-8 and iso-8859-1 only; continuations `key*0`, `key*1` are joined. Invalid parts are skipped,
 * never thrown. `null`/`undefined` gives `["", {}]`.
 */
export function parseOptionsHeader(header: string | null | undefined): [string, Record<string, string>] {
  if (header == null) return ["", {}];
  const semicolon = header.indexOf(";");
  const value = pyStrip(semicolon === -1 ? header : header.slice(0, semicolon));
  let rest = semicolon === -1 ? "" : pyStrip(header.slice(semicolon + 1));
  if (!value || !rest) return [value, {}];

  const parts: [string, string][] = [];
  for (;;) {
    const key = PARAMETER_KEY.exec(rest);
    if (key !== null) {
      const name = key[1]!.toLowerCase();
      rest = rest.slice(key[0].length);
      const token = PARAMETER_TOKEN_VALUE.exec(rest);
      if (token !== null) {
        parts.push([name, token[0]]);
      } else if (rest[0] === '"') {
        for (let pos = 1; pos < rest.length; ) {
          const pair = rest.slice(pos, pos + 2);
          if (pair === "\\\\" || pair === '\\"') {
            pos += 2;
          } else if (rest[pos] === '"') {
            parts.push([name, rest.slice(0, pos + 1)]);
            rest = rest.slice(pos + 1);
            break;
          } else {
            pos += 1;
          }
        }
      }
    }
    const end = rest.indexOf(";");
    if (end === -1) break;
    rest = pyStripStart(rest.slice(end + 1));
  }

  const options: Record<string, string> = Object.create(null);
  let charset: string | undefined;
  let continuedCharset: string | undefined;
  for (let [key, text] of parts) {
    if (key.endsWith("*")) {
      key = key.slice(0, -1);
      const marker = CHARSET_VALUE.exec(text);
      if (marker !== null) {
        charset = marker[1]!.toLowerCase();
        text = marker[2]!;
      }
      if (!charset) charset = continuedCharset;
      // Like Werkzeug, a charset carries over to later continuation parts (looser than RFC 2231).
      if (charset !== undefined && RFC2231_CHARSETS.has(charset)) {
        continuedCharset = charset;
        text = percentDecode(text, charset);
      }
    }
    if (text.length >= 2 && text[0] === '"' && text[text.length - 1] === '"') {
      // HTTP headers escape with a backslash, multipart form data with percent
      text = text.slice(1, -1).replaceAll("\\\\", "\\").replaceAll('\\"', '"').replaceAll("%22", '"');
    }
    const continuation = CONTINUATION.exec(key);
    if (continuation !== null) {
      key = key.slice(0, continuation.index);
      options[key] = (options[key] ?? "") + text;
    } else {
      options[key] = text;
    }
  }
  return [value, { ...options }];
}

/**
 * Builds `value; key=param` (Werkzeug `dump_options_header`): `null`/`undefined` parameters are
 * skipped, values are quoted unless they are tokens, and keys ending in `*` are written as given.
 */
export function dumpOptionsHeader(value: string | null | undefined, options: Readonly<Record<string, unknown>>): string {
  const segments: string[] = [];
  if (value != null) segments.push(value);
  for (const [key, param] of Object.entries(options)) {
    if (param == null) continue;
    segments.push(key.endsWith("*") ? `${key}=${String(param)}` : `${key}=${quoteHeaderValue(param)}`);
  }
  return segments.join("; ");
}
