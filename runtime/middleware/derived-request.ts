// The request an inner app sees behind a middleware that rewrites the WSGI environ in Werkzeug
// (ProxyFix, DispatcherMiddleware). wz requests are read-only, so the middleware builds a new
// Request of the same class over the same transport (body, raw target) with the changed parts;
// per-request limits carry over, and the inner app runs with it as the current request.
import { ImmutableHeaders } from "../datastructures/index.js";
import type { Request, RequestInit } from "../wrappers/request.js";
import { Response } from "../wrappers/response.js";
import { runInRequestContext } from "../wrappers/context.js";
import type { App } from "../serving/dispatch.js";

export interface RequestChanges {
  scheme?: string;
  /** The Host header value. */
  host?: string;
  server?: readonly [string, number | null] | null;
  remoteAddr?: string | null;
  rootPath?: string;
  /** The decoded path after `rootPath`. */
  path?: string;
}

export function deriveRequest(request: Request, changes: RequestChanges): Request {
  const init: RequestInit = {
    method: request.method,
    target: request.rawTarget,
    headers: changes.host === undefined ? request.headers : withHost(request, changes.host),
    scheme: changes.scheme ?? request.scheme,
    server: changes.server !== undefined ? changes.server : request.server,
    remoteAddr: changes.remoteAddr !== undefined ? changes.remoteAddr : request.remoteAddr,
    rootPath: changes.rootPath ?? request.rootPath,
    path: changes.path ?? request.path,
    body: request.inputStream,
  };
  const derived = new (request.constructor as typeof Request)(init);
  derived.trustedHosts = request.trustedHosts;
  derived.maxContentLength = request.maxContentLength;
  derived.maxFormMemorySize = request.maxFormMemorySize;
  derived.maxFormParts = request.maxFormParts;
  derived.spoolThreshold = request.spoolThreshold;
  derived.readTimeoutMs = request.readTimeoutMs;
  derived.streamFactory = request.streamFactory;
  return derived;
}

/** The headers with the first Host replaced (or added), as Werkzeug rewrites HTTP_HOST. */
function withHost(request: Request, host: string): ImmutableHeaders {
  const flat = request.headers.toWireArray();
  let found = false;
  for (let i = 0; i < flat.length; i += 2) {
    if (flat[i]!.toLowerCase() !== "host") continue;
    if (found) {
      flat.splice(i, 2);
      i -= 2;
    } else {
      flat[i + 1] = host;
      found = true;
    }
  }
  if (!found) flat.push("Host", host);
  return ImmutableHeaders.fromRaw(flat);
}

/**
 * Runs `app` for a derived request: as the current request, and with its uploaded files
 * released when the response closes (or at once when the app fails).
 */
export function callWithRequest(app: App, request: Request): ReturnType<App> {
  let result: ReturnType<App>;
  try {
    result = runInRequestContext(request, app);
  } catch (error) {
    release(request);
    throw error;
  }
  if (result instanceof Response) return closeWith(result, request);
  if (result !== null && typeof (result as PromiseLike<unknown>).then === "function") {
    return Promise.resolve(result).then(
      (value) => closeWith(value, request),
      (error: unknown) => {
        release(request);
        throw error;
      },
    );
  }
  return closeWith(result, request);
}

function closeWith<T>(value: T, request: Request): T {
  if (!request.needsClose) return value;
  if (value instanceof Response) value.callOnClose(() => release(request));
  else release(request);
  return value;
}

function release(request: Request): void {
  if (request.needsClose) request.close().catch(() => undefined);
}
