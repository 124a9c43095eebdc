// The request body as form parsing reads it: limited to Content-Length and maxContentLength
// (the Request's safe-stream rules), with an optional timeout between chunks (408).
import type { Readable } from "node:stream";
import { limitedBody } from "../wrappers/request-body.js";

/** A node:http IncomingMessage or any (async) iterable of bytes; null for no body. */
export type FormBody = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Readable | null;

/** The body, limited to Content-Length and maxContentLength, with the read timeout applied. */
export function readBody(
  body: FormBody,
  contentLength: number | null,
  maxContentLength: number | null,
  readTimeoutMs: number | null,
): AsyncIterable<Uint8Array> {
  const source = body === null || Symbol.asyncIterator in body ? body : toAsync(body);
  return limitedBody(source as AsyncIterable<Uint8Array> | null, contentLength, maxContentLength, readTimeoutMs);
}

async function* toAsync(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}
