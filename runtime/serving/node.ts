// node:http integration: `toNodeListener(app)` turns an app into a request listener.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Request } from "../wrappers/request.js";
import { requestInitFromNode } from "../wrappers/node-request.js";
import type { Response } from "../wrappers/response.js";
import { dispatchTo, internalServerErrorResponse, logError, type App, type ErrorReporter } from "./dispatch.js";
import { writeResponse, type SentReporter } from "./write.js";
import { combinedLogLine, type AccessLogWriter } from "./access-log.js";

export interface ListenerOptions {
  /** The prefix the app is mounted under (Werkzeug's SCRIPT_NAME). */
  rootPath?: string;
  /** Receives errors that became a 500 page; default logs them with console.error. */
  onError?: ErrorReporter;
  /** The Request class to build (a subclass with other limits or trusted hosts). */
  requestClass?: typeof Request;
  /** Receives one Combined Log Format line per response; default none (`serve` logs to stdout). */
  accessLog?: AccessLogWriter;
}

/** A node:http request listener that runs `app`: `http.createServer(toNodeListener(app))`. */
export function toNodeListener(app: App, options: ListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const onError = options.onError ?? logError;
  const RequestClass = options.requestClass ?? Request;
  const nodeOptions = { rootPath: options.rootPath ?? "" };
  const accessLog = options.accessLog;
  return function wzListener(req, res) {
    const request = new RequestClass(requestInitFromNode(req, nodeOptions));
    const onSent = accessLog === undefined ? undefined : logTo(accessLog, req, request, Date.now());
    dispatchTo(app, request, onError, (response) => send(res, response, request, onError, onSent));
  };
}

function logTo(accessLog: AccessLogWriter, req: IncomingMessage, request: Request, receivedAt: number): SentReporter {
  const peerAddress = req.socket.remoteAddress;
  return (status, bytes) => accessLog(combinedLogLine({ req, request, receivedAt, peerAddress, status, bytes }));
}

function send(res: ServerResponse, response: Response, request: Request, onError: ErrorReporter, onSent: SentReporter | undefined): void {
  if (res.destroyed) {
    // The client left while the app worked; release what the app opened.
    try {
      response.close();
    } catch (error) {
      onError(error, request);
    }
    if (request.needsClose) request.close().catch((error: unknown) => onError(error, request));
    onSent?.(response.statusCode, 0);
    return;
  }
  try {
    writeResponse(res, response, request, onError, onSent);
  } catch (error) {
    // The response itself could not be written (an invalid status code, for example).
    onError(error, request);
    try {
      if (res.headersSent) res.destroy();
      else writeResponse(res, internalServerErrorResponse(error, request), request, onError, onSent);
    } catch {
      // Nothing more can be said on this connection; never let it reach the process.
      res.destroy();
    }
  }
}
