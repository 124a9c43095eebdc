// Writing a Response to a node:http ServerResponse: one writeHead with a flat header array,
// then the body. Streams honour backpressure (wait for "drain"), stop when the client goes
// away, and close their source. A failure after the headers went out can only close the
// connection, as Werkzeug's server does.
import { STATUS_CODES, type ServerResponse } from "node:http";
import { prepareResponse } from "../wrappers/finalize.js";
import type { BodyChunk, Response } from "../wrappers/response.js";
import type { Request } from "../wrappers/request.js";
import type { ErrorReporter } from "./dispatch.js";
import { leavesBodyUnread } from "./unread-body.js";

/** Called once the response is finished (or abandoned) with its status and the body bytes sent. */
export type SentReporter = (status: number, bytes: number) => void;

/** Sends `response` for `request`; runs the response's and request's close steps afterwards. */
export function writeResponse(res: ServerResponse, response: Response, request: Request, onError: ErrorReporter, onSent?: SentReporter): void {
  const prepared = prepareResponse(response, request.method, () => request.url);
  // node:http then sends `Connection: close` and destroys the socket once the response is flushed.
  const req = res.req as ServerResponse["req"] | undefined; // absent on hand-made responses
  if (req !== undefined && leavesBodyUnread(req, request)) res.shouldKeepAlive = false;
  // Always name the reason: node keeps a reason set by an earlier writeHead that then failed
  // (a bad header), so a fallback 500 would otherwise go out as "500 OK".
  const reason = prepared.statusMessage ?? STATUS_CODES[prepared.statusCode] ?? "Unknown";
  res.writeHead(prepared.statusCode, reason, prepared.headers);
  const body = prepared.body;
  if (body === null) {
    res.end();
    onSent?.(prepared.statusCode, 0);
  } else if (typeof body === "string" || body instanceof Uint8Array) {
    res.end(body);
    onSent?.(prepared.statusCode, typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  } else {
    streamBody(res, body, request, onError).then((bytes) => {
      onSent?.(prepared.statusCode, bytes);
      finish(response, request, onError);
    });
    return;
  }
  finish(response, request, onError);
}

function finish(response: Response, request: Request, onError: ErrorReporter): void {
  try {
    response.close();
  } catch (error) {
    onError(error, request);
  }
  if (request.needsClose) request.close().catch((error: unknown) => onError(error, request));
}

/** Resolves with the bytes written; never rejects (a failure is reported and closes the connection). */
async function streamBody(
  res: ServerResponse,
  body: Iterable<BodyChunk> | AsyncIterable<BodyChunk>,
  request: Request,
  onError: ErrorReporter,
): Promise<number> {
  let gone = false;
  let bytes = 0;
  const onClose = () => {
    gone = true;
  };
  res.once("close", onClose);
  res.on("error", noop); // a write racing a disconnect must not become an uncaught error
  try {
    for await (const chunk of body as AsyncIterable<BodyChunk>) {
      if (gone || res.destroyed) break; // leaving the loop closes the source
      bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (!res.write(chunk)) await drained(res);
    }
    if (!gone && !res.destroyed) res.end();
  } catch (error) {
    onError(error, request);
    res.destroy();
  } finally {
    res.off("close", onClose);
  }
  return bytes;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

function noop(): void {}
