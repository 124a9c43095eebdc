// The request body as Werkzeug's "safe stream" (REQ-15): a Content-Length above the limit is a
// 413 before a byte is read; a body without a length (chunked, already de-chunked by the
// transport) is a 413 as soon as it grows past the limit; a body that ends before its
// Content-Length is a ClientDisconnected (400). A body that sends nothing for `readTimeoutMs` is a
// 408 RequestTimeout, so a stalled upload cannot hold a request (and its temp files) forever.
import { ClientDisconnected, RequestEntityTooLarge, RequestTimeout } from "../exceptions.js";
import { watchRead } from "./read-deadline.js";

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
  readTimeoutMs: number | null = null,
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
      step = await (readTimeoutMs === null ? iterator.next() : withinTimeout(iterator.next(), readTimeoutMs));
    } catch (error) {
      if (error instanceof RequestTimeout) throw error;
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

/** `step`, or a RequestTimeout when it takes longer than `timeoutMs`. */
function withinTimeout<T>(step: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeout()), timeoutMs);
  });
  return Promise.race([step, timeout]).finally(() => clearTimeout(timer));
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

/** A node:http IncomingMessage (or another classic Readable) that can be read with events. */
interface EventedReadable {
  on(event: string, listener: (...args: any[]) => void): unknown;
  pause(): unknown;
  complete?: boolean;
}

function isEventedReadable(source: unknown): source is EventedReadable {
  const candidate = source as { on?: unknown; read?: unknown; pipe?: unknown };
  return typeof candidate.on === "function" && typeof candidate.read === "function" && typeof candidate.pipe === "function";
}

/**
 * The whole limited body in one buffer. A node:http request is read with "data" events into
 * a buffer sized by Content-Length (async iteration costs a promise per chunk); other sources
 * go through `limitedBody`. Same limits and errors either way.
 */
export function readLimited(
  source: BodySource | null,
  contentLength: number | null,
  maxContentLength: number | null,
  readTimeoutMs: number | null = null,
): Promise<Uint8Array> {
  checkDeclaredLength(contentLength, maxContentLength);
  if (source === null || contentLength === 0) return Promise.resolve(empty);
  if (!isEventedReadable(source)) return readAll(limitedBody(source, contentLength, maxContentLength, readTimeoutMs));
  const readable = source;
  const limit = contentLength ?? maxContentLength ?? Infinity;
  return new Promise<Uint8Array>((resolve, reject) => {
    const buffer: Buffer | null = contentLength === null ? null : Buffer.allocUnsafe(contentLength);
    const parts: Buffer[] = [];
    let received = 0;
    // Listeners stay on the finished request (it is garbage soon); `settled` silences them.
    let settled = false;
    const deadline = readTimeoutMs === null ? undefined : watchRead(readTimeoutMs, () => fail(new RequestTimeout()));
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      deadline?.done();
      // Read no more of a body that failed: the server answers with `Connection: close`.
      readable.pause();
      reject(error);
    };
    readable.on("data", (chunk: Buffer) => {
      if (settled) return;
      if (deadline !== undefined) deadline.active = true;
      if (received + chunk.byteLength > limit) {
        // Without a length this is the limit; with one, bytes beyond it belong to nobody.
        if (contentLength === null) return fail(new RequestEntityTooLarge());
        chunk = chunk.subarray(0, limit - received);
      }
      if (buffer !== null) chunk.copy(buffer, received);
      else parts.push(chunk);
      received += chunk.byteLength;
    });
    readable.on("end", () => {
      if (settled) return;
      if (contentLength !== null && received < contentLength) return fail(new ClientDisconnected());
      settled = true;
      deadline?.done();
      resolve(buffer !== null ? buffer : Buffer.concat(parts, received));
    });
    readable.on("error", () => fail(new ClientDisconnected()));
    readable.on("close", () => {
      if (readable.complete === false) fail(new ClientDisconnected());
    });
  });
}
