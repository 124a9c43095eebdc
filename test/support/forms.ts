// Helpers for the form and multipart tests: feeding bodies in chosen chunkings, reading
// results as plain arrays, and a bare node:http server that parses forms with parseFormData.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { parseFormData, HTTPException, type FormLimits, type MultiDict, type FileStorage } from "wz";

export function pairs<V>(dict: MultiDict<V>): [string, V][] {
  return [...dict.lists()].flatMap(([key, values]) => values.map((value): [string, V] => [key, value]));
}

/** Yields `body` cut at the given offsets. */
export async function* chunked(body: Uint8Array, cuts: number[] = []): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts, body.length]) {
    if (cut > start) yield body.subarray(start, cut);
    start = Math.max(start, cut);
  }
}

/** Yields `body` in pieces of `size` bytes. */
export async function* inPieces(body: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

export interface Summary {
  form: [string, string][];
  files: [string, string, string][];
}

/** Parses and returns fields plus [name, filename, content(latin1)] per file; cleans up. */
export async function summarize(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  contentType: string,
  limits: FormLimits = {},
  contentLength: number | null = null,
): Promise<Summary> {
  const parsed = await parseFormData({ body, contentType, contentLength, limits });
  try {
    const files: [string, string, string][] = [];
    for (const [name, file] of pairs(parsed.files)) files.push([name, file.filename, (await file.bytes()).toString("latin1")]);
    return { form: pairs(parsed.form), files };
  } finally {
    await parsed.cleanup();
  }
}

export interface FormServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * A plain node:http server that parses every request body with parseFormData and answers
 * 200 with a JSON summary, or the HTTPException's status. `onParsed` sees the files before cleanup.
 */
export async function startFormServer(limits: FormLimits = {}, onParsed?: (files: MultiDict<FileStorage>) => Promise<void> | void): Promise<FormServer> {
  const server = createServer(async (request: IncomingMessage, response) => {
    const contentLength = request.headers["content-length"] === undefined ? null : Number(request.headers["content-length"]);
    try {
      const parsed = await parseFormData({ body: request, contentType: request.headers["content-type"], contentLength, limits });
      try {
        await onParsed?.(parsed.files);
        const files = [];
        for (const [name, file] of pairs(parsed.files)) files.push([name, file.filename, file.size]);
        const json = Buffer.from(JSON.stringify({ form: pairs(parsed.form), files }));
        response.writeHead(200, { "content-type": "application/json", "content-length": json.length });
        response.end(json);
      } finally {
        await parsed.cleanup();
      }
    } catch (error) {
      const status = error instanceof HTTPException ? error.code : 500;
      // Close the connection: the rest of a refused body is not worth reading.
      response.writeHead(status, { connection: "close", "content-type": "text/plain", "content-length": String(status).length });
      response.end(String(status));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number | null;
  text: string;
  ms: number;
  /** True when the client had written the whole body before the answer came: false shows the
   * server refused the request without waiting for (or reading) the rest of it. */
  bodyFinished: boolean;
}

/**
 * Sends raw bytes over a socket (the head, then body pieces with optional pauses) and reads
 * the status line. Stops sending once a response arrives: a server that refused the body must
 * not need the rest of it.
 */
export function sendRaw(port: number, head: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, timeoutMs = 10_000): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let done = false;
    let wakeWriter: (() => void) | null = null;
    let bodyFinished = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      wakeWriter?.();
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : null, text: received, ms: performance.now() - started, bodyFinished });
    };
    socket.on("data", (data) => {
      received += data.toString("latin1");
      const headEnd = received.indexOf("\r\n\r\n");
      if (headEnd === -1) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(received.slice(0, headEnd));
      // A complete response ends the exchange, even if the server never read the whole body.
      if (length && received.length >= headEnd + 4 + Number(length[1])) finish();
    });
    socket.on("error", () => {});
    socket.on("close", finish);
    socket.on("connect", async () => {
      socket.write(head);
      try {
        for await (const piece of body) {
          if (done || socket.destroyed) break;
          if (!socket.write(piece)) {
            await new Promise<void>((wake) => {
              wakeWriter = wake;
              socket.once("drain", wake);
            });
          } else {
            // The server runs in this process: let it read what was sent.
            await new Promise((wake) => setImmediate(wake));
          }
        }
        if (!done && !socket.destroyed) bodyFinished = true;
      } catch {
        // the server closed the connection while we were writing
      }
      // No half-close: node:http would abort a response still being prepared. Requests say
      // "Connection: close", so the server closes the socket once it has answered.
    });
  });
}
