// Calling the app, shared by node:http and the test client: whatever the app returns or
// throws becomes a Response. A returned or thrown HTTPException renders as its page; any other
// error is reported through `onError` and becomes a plain 500 page (no stack to the client).
// A synchronous app that returns a Response is never awaited.
import { BadRequest, HTTPException, InternalServerError } from "../exceptions.js";
import { Response } from "../wrappers/response.js";
import type { Request } from "../wrappers/request.js";
import { runInRequestContext } from "../wrappers/context.js";
// getResponse below renders through the response layer; make sure it is installed.
import "../wrappers/exception-response.js";

/** An application: `(request) => response`, sync or async; it may return or throw an HTTPException. */
export type App = (request: Request) => Response | HTTPException | PromiseLike<Response | HTTPException>;

/** Receives errors that became a 500 (default: logged with console.error). */
export type ErrorReporter = (error: unknown, request: Request) => void;

export const logError: ErrorReporter = (error, request) => {
  console.error(`wz: error while handling ${request.method} ${request.rawTarget}:`, error);
};

/** Runs `app` for `request` and always produces a Response (or a promise of one). */
export function dispatch(app: App, request: Request, onError: ErrorReporter = logError): Response | Promise<Response> {
  let ready: Response | undefined;
  let resolveLater: ((response: Response) => void) | undefined;
  dispatchTo(app, request, onError, (response) => {
    if (resolveLater === undefined) ready = response;
    else resolveLater(response);
  });
  return ready ?? new Promise<Response>((resolve) => (resolveLater = resolve));
}

/**
 * Runs `app` for `request` and hands its Response to `deliver`: at once for a synchronous app,
 * else when the app's promise settles (one promise step: a server that waited on `dispatch`'s
 * promise would add a second per request).
 */
export function dispatchTo(app: App, request: Request, onError: ErrorReporter, deliver: (response: Response) => void): void {
  // RFC 9112 section 3.2: a server MUST answer 400 to a request with more than one Host line
  // (node:http keeps the first; a proxy in front may have routed by the other).
  if (request.headers.count("host") > 1) {
    deliver(new BadRequest("The request has more than one Host header.").getResponse(request));
    return;
  }
  let result: ReturnType<App>;
  try {
    result = runInRequestContext(request, app);
  } catch (error) {
    deliver(errorResponse(error, request, onError));
    return;
  }
  if (result instanceof Response) {
    deliver(result);
    return;
  }
  if (result instanceof HTTPException) {
    deliver(result.getResponse(request));
    return;
  }
  if (result !== null && typeof (result as PromiseLike<unknown>).then === "function") {
    (result instanceof Promise ? result : Promise.resolve(result)).then(
      (value) => deliver(settle(value, request, onError)),
      (error) => deliver(errorResponse(error, request, onError)),
    );
    return;
  }
  deliver(settle(result, request, onError));
}

function settle(value: unknown, request: Request, onError: ErrorReporter): Response {
  if (value instanceof Response) return value;
  if (value instanceof HTTPException) return value.getResponse(request);
  const kind = value === null ? "null" : typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  return errorResponse(new TypeError(`wz: the app returned ${kind}, not a Response`), request, onError);
}

/** The response for an error thrown by the app (or by reading the request). */
export function errorResponse(error: unknown, request: Request, onError: ErrorReporter): Response {
  if (error instanceof HTTPException) {
    try {
      return error.getResponse(request);
    } catch (renderError) {
      error = renderError;
    }
  }
  try {
    onError(error, request);
  } catch (reporterError) {
    // A failing reporter must not take the response (or the process) down with it.
    console.error("wz: the onError reporter threw:", reporterError);
  }
  return internalServerErrorResponse(error, request);
}

/** A 500 page in the form the client prefers (JSON or HTML); a request that cannot say gets HTML. */
export function internalServerErrorResponse(error: unknown, request: Request): Response {
  const exception = new InternalServerError(undefined, undefined, error);
  try {
    return exception.getResponse(request);
  } catch {
    return exception.getResponse();
  }
}
