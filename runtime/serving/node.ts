// node:http integration: `toNodeListener(app)` turns an app into a request listener, and
// `serve(app, { host, port })` runs it on a node:http server with keep-alive and a graceful
// `close()`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Request } from "../wrappers/request.js";
import { requestInitFromNode } from "../wrappers/node-request.js";
import { Response } from "../wrappers/response.js";
import { dispatch, internalServerErrorResponse, logError, type App, type ErrorReporter } from "./dispatch.js";
import { writeResponse } from "./write.js";

export interface ListenerOptions {
  /** The prefix the app is mounted under (Werkzeug's SCRIPT_NAME). */
  rootPath?: string;
  /** Receives errors that became a 500 page; default logs them with console.error. */
  onError?: ErrorReporter;
  /** The Request class to build (a subclass with other limits or trusted hosts). */
  requestClass?: typeof Request;
}

/** A node:http request listener that runs `app`: `http.createServer(toNodeListener(app))`. */
export function toNodeListener(app: App, options: ListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const onError = options.onError ?? logError;
  const RequestClass = options.requestClass ?? Request;
  const nodeOptions = { rootPath: options.rootPath ?? "" };
  return function wzListener(req, res) {
    const request = new RequestClass(requestInitFromNode(req, nodeOptions));
    const response = dispatch(app, request, onError);
    if (response instanceof Response) send(res, response, request, onError);
    else response.then((ready) => send(res, ready, request, onError));
  };
}

function send(res: ServerResponse, response: Response, request: Request, onError: ErrorReporter): void {
  if (res.destroyed) {
    // The client left while the app worked; release what the app opened.
    try {
      response.close();
    } catch (error) {
      onError(error, request);
    }
    if (request.needsClose) request.close().catch((error: unknown) => onError(error, request));
    return;
  }
  try {
    writeResponse(res, response, request, onError);
  } catch (error) {
    // The response itself could not be written (an invalid status code, for example).
    onError(error, request);
    try {
      if (res.headersSent) res.destroy();
      else writeResponse(res, internalServerErrorResponse(error, request), request, onError);
    } catch {
      // Nothing more can be said on this connection; never let it reach the process.
      res.destroy();
    }
  }
}

export interface ServeOptions extends ListenerOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 5000 (Werkzeug's). */
  port?: number;
}

/** A running server. */
export interface WzServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  /**
   * Stops accepting connections, closes idle keep-alive connections, lets requests in flight
   * finish, and force-closes what is left after `timeoutMs` (default 5000).
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** Serves `app` on node:http: `const server = await serve(app, { port: 8000 })`. */
export async function serve(app: App, options: ServeOptions = {}): Promise<WzServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer(toNodeListener(app, options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 5000, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    server,
    host,
    port,
    url: `http://${shownHost}:${port}`,
    close({ timeoutMs = 5000 } = {}) {
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
