// Send-time rules (RES-07..RES-09), shared by the node:http writer and the test client: the
// response's own headers are never changed, the wire array is a copy.
//   - Location / Content-Location: IRI -> URI (and joined with the request URL when
//     `autocorrectLocationHeader` is on);
//   - 1xx and 204: no Content-Length; 304: entity headers dropped except Expires and
//     Content-Location; otherwise a sequence body without Content-Length gets one;
//   - HEAD, 1xx, 204 and 304 send no body (HEAD keeps the computed Content-Length).
import type { BodyChunk, Response } from "./response.js";
import { iriToUri } from "./iri.js";
import { unsendable } from "../datastructures/headers.js";

export interface PreparedResponse {
  statusCode: number;
  /** Reason phrase when the app gave a custom status line (`"299 Custom"`), else undefined. */
  statusMessage: string | undefined;
  /** `[name, value, name, value, ...]`, ready for `writeHead`. */
  headers: string[];
  /** What to send: null for no body. */
  body: string | Uint8Array | Iterable<BodyChunk> | AsyncIterable<BodyChunk> | null;
}

const entityHeadersDroppedOn304 = new Set([
  "allow",
  "content-encoding",
  "content-language",
  "content-length",
  "content-md5",
  "content-range",
  "content-type",
  "last-modified",
]);

/** Turns a Response into what goes on the wire for a request with `method`. */
export function prepareResponse(response: Response, method: string, requestUrl?: () => string): PreparedResponse {
  const statusCode = response.statusCode;
  const noBody = method === "HEAD" || statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode < 200);
  const bodyAllowed = !(statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode < 200));
  const body = response.body;
  const statusMessage = response.customReason;

  if (response.hasPristineHeaders) {
    const headers: string[] = [];
    const contentType = response.pristineContentType;
    if (contentType !== undefined && statusCode !== 304) headers.push("Content-Type", contentType);
    if (bodyAllowed && response.isSequence && (response.constructor as typeof Response).automaticallySetContentLength) {
      headers.push("Content-Length", String(sequenceLength(body as string | Uint8Array)));
    }
    return { statusCode, statusMessage, headers, body: noBody ? null : body };
  }

  const source = response.headers.toWireArray();
  const headers: string[] = [];
  let hasContentLength = false;
  for (let i = 0; i < source.length; i += 2) {
    const name = source[i]!;
    let value = source[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === "content-length") {
      if (!bodyAllowed) continue;
      hasContentLength = true;
    } else if (statusCode === 304 && entityHeadersDroppedOn304.has(lower)) {
      continue;
    } else if (lower === "location") {
      value = iriToUri(value);
      if ((response.constructor as typeof Response).autocorrectLocationHeader && requestUrl !== undefined) {
        value = new URL(value, iriToUri(requestUrl())).href;
      }
    } else if (lower === "content-location") {
      value = iriToUri(value);
    }
    // node:http would throw on it mid-write; failing here fails the test Client the same way.
    const problem = unsendable(value);
    if (problem !== null)
      throw new TypeError(
        `wz: header values must not contain ${problem} in header ${JSON.stringify(name)} (encode the value, for example with encodeURIComponent)`,
      );
    headers.push(name, value);
  }
  if (bodyAllowed && !hasContentLength && response.isSequence && (response.constructor as typeof Response).automaticallySetContentLength) {
    headers.push("Content-Length", String(sequenceLength(body as string | Uint8Array)));
  }
  return { statusCode, statusMessage, headers, body: noBody ? null : body };
}

function sequenceLength(body: string | Uint8Array): number {
  return typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
}
