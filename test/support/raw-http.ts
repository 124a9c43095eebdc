// A raw HTTP/1.1 client over a TCP socket for the limits tests: it sends a request head and then
// a body at the pace a test chooses (stalling, or as fast as the server accepts), reads the
// response as it arrives, and reports how many body bytes the server took before the
// connection closed.
import { connect, type Socket } from "node:net";

export interface RawResponse {
  status: number;
  /** The status line as sent (`HTTP/1.1 200 OK`). */
  statusLine: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** Body bytes handed to the kernel before the connection ended (or the body was finished). */
  bytesSent: number;
  /** Milliseconds from connecting to the end of the exchange. */
  ms: number;
  /** Milliseconds from connecting to the complete response. */
  responseMs: number;
  /** True when the server closed the connection (rather than the client giving up). */
  closedByServer: boolean;
}

interface ParsedHead {
  status: number;
  statusLine: string;
  headers: Record<string, string>;
  bodyStart: number;
}

function parseHead(buffer: Buffer): ParsedHead | null {
  const end = buffer.indexOf("\r\n\r\n");
  if (end === -1) return null;
  const lines = buffer.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(lines[0]!.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status, statusLine: lines[0]!, headers, bodyStart: end + 4 };
}

/** The first complete response in `buffer` (Content-Length framed), or null. */
function completeResponse(buffer: Buffer): { head: ParsedHead; body: Buffer; rest: Buffer } | null {
  const head = parseHead(buffer);
  if (head === null) return null;
  const length = Number(head.headers["content-length"] ?? "0");
  if (buffer.length < head.bodyStart + length) return null;
  return { head, body: buffer.subarray(head.bodyStart, head.bodyStart + length), rest: buffer.subarray(head.bodyStart + length) };
}

/**
 * Sends `head`, then the body pieces (awaiting "drain" so only what the kernel accepted is
 * counted), and resolves once the server closed the connection, or once a complete response
 * arrived and the body was fully sent (keep-alive), or rejects after `timeoutMs`.
 */
export function exchange(port: number, head: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = [], timeoutMs = 10_000): Promise<RawResponse> {
  const started = performance.now();
  const socket = connect(port, "127.0.0.1");
  let received: Buffer = Buffer.alloc(0);
  let responseMs = -1;
  let bytesSent = 0;
  let bodyDone = false;
  let closed = false;
  return new Promise<RawResponse>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within ${timeoutMs} ms (got ${JSON.stringify(received.toString("latin1").slice(0, 200))})`));
    }, timeoutMs);
    const finish = (closedByServer: boolean) => {
      const response = completeResponse(received);
      clearTimeout(timer);
      socket.destroy();
      if (response === null) return reject(new Error(`incomplete response: ${JSON.stringify(received.toString("latin1").slice(0, 200))}`));
      resolve({
        status: response.head.status,
        statusLine: response.head.statusLine,
        headers: response.head.headers,
        body: response.body.toString("utf8"),
        bytesSent,
        ms: performance.now() - started,
        responseMs,
        closedByServer,
      });
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const complete = completeResponse(received) !== null;
      if (complete && responseMs < 0) responseMs = performance.now() - started;
      if (bodyDone && complete) finish(false);
    });
    socket.on("error", () => {}); // EPIPE / ECONNRESET once the server hangs up: expected here
    socket.on("close", () => {
      closed = true;
      finish(true);
    });
    socket.once("connect", async () => {
      socket.write(head);
      try {
        for await (const piece of body) {
          if (closed || socket.destroyed) return;
          const accepted = socket.write(piece);
          bytesSent += piece.byteLength;
          if (!accepted) await drainedOrClosed(socket);
        }
      } catch (error) {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
        return;
      }
      bytesSent -= socket.writableLength;
      bodyDone = true;
      if (completeResponse(received) !== null) finish(false);
    });
  });
}

function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    socket.on("drain", done);
    socket.on("close", done);
  });
}

/** Yields `piece` `times` times in HTTP/1.1 chunked framing, then the last chunk. */
export function* chunkedPieces(piece: Uint8Array, times: number): Generator<Uint8Array> {
  const size = Buffer.from(`${piece.byteLength.toString(16)}\r\n`);
  for (let i = 0; i < times; i++) {
    yield size;
    yield piece;
    yield Buffer.from("\r\n");
  }
  yield Buffer.from("0\r\n\r\n");
}

/** Yields `first`, then waits `ms` (a stalled client), then yields `rest`. */
export async function* stallAfter(first: Uint8Array, ms: number, rest: Uint8Array = new Uint8Array(0)): AsyncGenerator<Uint8Array> {
  yield first;
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (rest.byteLength > 0) yield rest;
}

/** Sends several complete requests one after another on one connection; resolves with each response's status and headers. */
export function sequence(port: number, requests: string[], timeoutMs = 10_000): Promise<{ status: number; headers: Record<string, string>; body: string }[]> {
  const socket = connect(port, "127.0.0.1");
  const responses: { status: number; headers: Record<string, string>; body: string }[] = [];
  let received: Buffer = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`only ${responses.length} of ${requests.length} responses within ${timeoutMs} ms`));
    }, timeoutMs);
    const sendNext = () => socket.write(requests[responses.length]!);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      for (;;) {
        const response = completeResponse(received);
        if (response === null) return;
        received = response.rest;
        responses.push({ status: response.head.status, headers: response.head.headers, body: response.body.toString("utf8") });
        if (responses.length === requests.length) {
          clearTimeout(timer);
          socket.destroy();
          return resolve(responses);
        }
        sendNext();
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      if (responses.length < requests.length) resolve(responses);
    });
    socket.once("connect", sendNext);
  });
}
