// The request body as Werkzeug's "safe stream" (REQ-15): a Content-Length above the limit is a
// 413 before a byte is read; a body without a length (chunked, already de-chunked by the
// transport) is a 413 as soon as it grows past the limit; a body that ends before its
// Content-Length is a ClientDisconnected (400).
import { ClientDisconnected, RequestEntityTooLarge } from "../exceptions.js";

/** Raw body bytes from the transport: a node:http IncomingMessage, or chunks from the test client. */
export type BodySource = AsyncIterable<Uint8Array>;

const empty = new Uint8Array(0);

/** Throws 413 when the declared length is already over the limit (checked before reading). */
export function checkDeclaredLength(contentLength: number | null, maxContentLength: number | null): void {
  if (maxContentLength !== null && contentLength !== null && contentLength > maxContentLength) {
    throw new RequestEntityTooLarge();
  }
}

/** Yields the body, stopping at Content-Length and enforcing `maxContentLength` while streaming. */
export async function* limitedBody(
  source: BodySource | null,
  contentLength: number | null,
  maxContentLength: number | null,
): AsyncGenerator<Uint8Array, void, undefined> {
  checkDeclaredLength(contentLength, maxContentLength);
  if (source === null || contentLength === 0) return;
  const limit = contentLength ?? maxContentLength ?? Infinity;
  // Iterated by hand: leaving a for-await early would destroy a node:http request, and with it
  // the socket, so the client would never see the 413. Left paused, node:http drains the rest.
  const iterator = source[Symbol.asyncIterator]();
  let received = 0;
  for (;;) {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await iterator.next();
    } catch {
      throw new ClientDisconnected();
    }
    if (step.done) break;
    const chunk = step.value;
    received += chunk.byteLength;
    if (received > limit) {
      if (contentLength === null) throw new RequestEntityTooLarge();
      // Never more than the declared length: the rest belongs to nobody.
      const keep = chunk.byteLength - (received - limit);
      if (keep > 0) yield chunk.subarray(0, keep);
      return;
    }
    yield chunk;
  }
  if (contentLength !== null && received < contentLength) throw new ClientDisconnected();
}

/** Reads a limited body into one buffer. */
export async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    total += chunk.byteLength;
  }
  if (parts.length === 0) return empty;
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts, total);
}
