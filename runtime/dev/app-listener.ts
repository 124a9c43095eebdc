// The seam between the dev server and the runtime's HTTP adapter. The dev server only needs "a
// node:http request listener for this app"; runtime/serving's `toNodeListener(app)` is that.
//
// INTERIM: toNodeListener has not landed yet, so this file adapts the app itself, minimally: the
// app receives a small request object and may return a WHATWG `Response`. Replace the body of
// `listenerFor` with `return toNodeListener(app)` once runtime/serving exports it.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** A wz application: `(request) => Response | Promise<Response>`. */
export type Application = (request: any) => unknown;

export function listenerFor(app: Application): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    respond(app, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      }
      res.end("Internal Server Error");
    });
  };
}

async function respond(app: Application, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const request = { method: req.method, path: decodeURIComponent(url.pathname), url: url.href, headers: req.headers };
  const response = (await app(request)) as globalThis.Response;
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, [...response.headers].flat());
  res.end(body);
}
