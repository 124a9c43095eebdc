// HTTP exceptions: Werkzeug 3.1.8's hierarchy, codes and default descriptions. The routing errors
// (NotFound, MethodNotAllowed, RequestRedirect, WebsocketMismatch, BuildError) are defined here
// once and re-exported by `wz/routing`.
//
// Sans-IO, as Werkzeug's sansio split: an exception describes its status, headers and body and
// nothing more. Turning that into a Response is the response layer's job: `getResponse` renders
// through the seam in exception-renderer.ts, which wrappers/exception-response.ts fills. So this
// file imports no wrapper, the data structures, forms and wrappers that throw these exceptions
// form no import cycle with it, and `wz/routing` (which loads it) stays small.
import { renderException, type ExceptionRequest, type ExceptionResponse } from "./exception-renderer.js";
import { escapeHtml, redirectPage, statusPhrases } from "./wrappers/status.js";

export type { ExceptionRequest, ExceptionResponse } from "./exception-renderer.js";

export type HeaderPairs = [string, string][];

/**
 * Base of every HTTP error: a status `code`, a `description`, and `getResponse(request?)`.
 * An app may return or throw one; `serve`, `toNodeListener` and `Client` render it.
 */
export class HTTPException extends Error {
  /** Status code of the response this exception renders as. */
  readonly code: number = 500;
  /** Plain text shown in the error page (HTML-escaped when rendered). */
  description: string;
  /** When set, `getResponse` returns it unchanged (Werkzeug's `HTTPException(response=...)`). */
  response: ExceptionResponse | undefined;

  constructor(description?: string, response?: ExceptionResponse) {
    super(description ?? "");
    this.description = description ?? (new.target as unknown as { defaultDescription?: string }).defaultDescription ?? "";
    this.response = response;
  }

  static defaultDescription = "";

  /** The status phrase (`"Not Found"`), as Werkzeug's `HTTPException.name`. */
  override get name(): string {
    return statusPhrases[this.code] ?? "Unknown Error";
  }

  /** The description as HTML: escaped, newlines as `<br>`, wrapped in `<p>`. */
  getDescription(_request?: ExceptionRequest): string {
    return `<p>${escapeHtml(this.description).replaceAll("\n", "<br>")}</p>`;
  }

  /** The HTML error page. */
  getBody(request?: ExceptionRequest): string {
    const name = escapeHtml(this.name);
    return `<!doctype html>\n<html lang=en>\n<title>${this.code} ${name}</title>\n<h1>${name}</h1>\n${this.getDescription(request)}\n`;
  }

  /** Headers of the error response; subclasses add Allow, WWW-Authenticate, Retry-After, ... */
  getHeaders(_request?: ExceptionRequest): HeaderPairs {
    return [["Content-Type", "text/html; charset=utf-8"]];
  }

  /**
   * The response for this error: `response` when one was given, else the page described by
   * `getBody`/`getHeaders` (as JSON `{ code, name, description }` for a request whose Accept
   * header prefers `application/json` over `text/html`, a wz addition). Rendering is done by
   * wz's response layer, loaded with `wz`.
   */
  getResponse(request?: ExceptionRequest): ExceptionResponse {
    return this.response ?? renderException(this, request);
  }

  /** `"404 Not Found: The requested URL was not found..."`, as Werkzeug's `str(e)`. */
  override toString(): string {
    return `${this.code} ${this.name}: ${this.description}`;
  }
}

// ---- 4xx ------------------------------------------------------------------------------------

export class BadRequest extends HTTPException {
  override readonly code: number = 400;
  static override defaultDescription = "The browser (or proxy) sent a request that this server could not understand.";
}

/**
 * A missing key looked up with `require()` (or `pop()` without a default): both a lookup failure
 * and a 400 Bad Request, so `(await request.form()).require("name")` answers 400 when the field
 * is absent (Werkzeug's `BadRequestKeyError`). The key is kept in `key` for logs; the page names
 * it only when `BadRequestKeyError.showException` is on (Werkzeug's `show_exception`, meant for
 * debug mode), so internal names are not disclosed in production.
 */
export class BadRequestKeyError extends BadRequest {
  /** Append `KeyError: '<key>'` to the description (debug mode only). Default false. */
  static showException = false;
  /** The key that was missing. */
  readonly key: string;

  constructor(key = "", description?: string) {
    super(description);
    this.key = key;
    // The base class stores the description as a plain field; an accessor on the instance lets
    // the key be shown or hidden at render time, as the flag says then.
    let plain = this.description;
    Object.defineProperty(this, "description", {
      configurable: true,
      enumerable: true,
      get: (): string => (BadRequestKeyError.showException ? `${plain}\nKeyError: ${pythonRepr(this.key)}` : plain),
      set: (value: string) => {
        plain = value;
      },
    });
  }
}

// How Python's KeyError shows a key (`'name'`), so debug pages read as Werkzeug's do; a missing
// key (popItem on an empty dict) shows nothing.
function pythonRepr(key: string): string {
  if (key === "") return "";
  return key.includes("'") && !key.includes('"') ? `"${key}"` : `'${key.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/** The client went away before the body was read completely. */
export class ClientDisconnected extends BadRequest {}
/** Something in the request triggered a security check (e.g. an untrusted Host). */
export class SecurityError extends BadRequest {}
/** The Host header is badly formed. */
export class BadHost extends BadRequest {}

export class Unauthorized extends HTTPException {
  override readonly code: number = 401;
  static override defaultDescription =
    "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";
  /** One `WWW-Authenticate` header per item (a string or an object with `toHeader()`/`toString()`). */
  wwwAuthenticate: unknown[] | undefined;
  constructor(description?: string, response?: ExceptionResponse, wwwAuthenticate?: unknown) {
    super(description, response);
    this.wwwAuthenticate =
      wwwAuthenticate === undefined || wwwAuthenticate === null ? undefined : Array.isArray(wwwAuthenticate) ? wwwAuthenticate : [wwwAuthenticate];
  }
  override getHeaders(request?: ExceptionRequest): HeaderPairs {
    const headers = super.getHeaders(request);
    for (const item of this.wwwAuthenticate ?? []) headers.push(["WWW-Authenticate", headerText(item)]);
    return headers;
  }
}

export class Forbidden extends HTTPException {
  override readonly code: number = 403;
  static override defaultDescription =
    "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";
}

export class NotFound extends HTTPException {
  override readonly code: number = 404;
  static override defaultDescription =
    "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
}

export class MethodNotAllowed extends HTTPException {
  override readonly code: number = 405;
  static override defaultDescription = "The method is not allowed for the requested URL.";
  /** The methods the URL accepts, in the order given (the router gives them sorted); sent in `Allow`. */
  readonly validMethods: string[];
  constructor(validMethods: Iterable<string> = [], description?: string, response?: ExceptionResponse) {
    super(description, response);
    this.validMethods = [...validMethods];
  }
  override getHeaders(request?: ExceptionRequest): HeaderPairs {
    const headers = super.getHeaders(request);
    if (this.validMethods.length > 0) headers.push(["Allow", this.validMethods.join(", ")]);
    return headers;
  }
}

export class NotAcceptable extends HTTPException {
  override readonly code: number = 406;
  static override defaultDescription =
    "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.";
}

export class RequestTimeout extends HTTPException {
  override readonly code: number = 408;
  static override defaultDescription = "The server closed the network connection because the browser didn't finish the request within the specified time.";
}

export class Conflict extends HTTPException {
  override readonly code: number = 409;
  static override defaultDescription =
    "A conflict happened while processing the request. The resource might have been modified while the request was being processed.";
}

export class Gone extends HTTPException {
  override readonly code: number = 410;
  static override defaultDescription =
    "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.";
}

export class LengthRequired extends HTTPException {
  override readonly code: number = 411;
  static override defaultDescription = "A request with this method requires a valid <code>Content-Length</code> header.";
}

export class PreconditionFailed extends HTTPException {
  override readonly code: number = 412;
  static override defaultDescription = "The precondition on the request for the URL failed positive evaluation.";
}

export class RequestEntityTooLarge extends HTTPException {
  override readonly code: number = 413;
  static override defaultDescription = "The data value transmitted exceeds the capacity limit.";
}

export class RequestURITooLarge extends HTTPException {
  override readonly code: number = 414;
  static override defaultDescription = "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.";
}

export class UnsupportedMediaType extends HTTPException {
  override readonly code: number = 415;
  static override defaultDescription = "The server does not support the media type transmitted in the request.";
}

export class RequestedRangeNotSatisfiable extends HTTPException {
  override readonly code: number = 416;
  static override defaultDescription = "The server cannot provide the requested range.";
  /** Complete length of the resource; adds `Content-Range: <units> *&#47;<length>` when set. */
  readonly length: number | undefined;
  readonly units: string;
  constructor(length?: number, units = "bytes", description?: string, response?: ExceptionResponse) {
    super(description, response);
    this.length = length;
    this.units = units;
  }
  override getHeaders(request?: ExceptionRequest): HeaderPairs {
    const headers = super.getHeaders(request);
    if (this.length !== undefined) headers.push(["Content-Range", `${this.units} */${this.length}`]);
    return headers;
  }
}

export class ExpectationFailed extends HTTPException {
  override readonly code: number = 417;
  static override defaultDescription = "The server could not meet the requirements of the Expect header";
}

export class ImATeapot extends HTTPException {
  override readonly code: number = 418;
  static override defaultDescription = "This server is a teapot, not a coffee machine";
}

export class MisdirectedRequest extends HTTPException {
  override readonly code: number = 421;
  static override defaultDescription = "The server is not able to produce a response.";
}

export class UnprocessableEntity extends HTTPException {
  override readonly code: number = 422;
  static override defaultDescription = "The request was well-formed but was unable to be followed due to semantic errors.";
}

export class Locked extends HTTPException {
  override readonly code: number = 423;
  static override defaultDescription = "The resource that is being accessed is locked.";
}

export class FailedDependency extends HTTPException {
  override readonly code: number = 424;
  static override defaultDescription =
    "The method could not be performed on the resource because the requested action depended on another action and that action failed.";
}

export class PreconditionRequired extends HTTPException {
  override readonly code: number = 428;
  static override defaultDescription = 'This request is required to be conditional; try using "If-Match" or "If-Unmodified-Since".';
}

/** Shared by 429 and 503: an optional `Retry-After` (seconds, or a Date written as an HTTP date). */
export abstract class RetryAfterException extends HTTPException {
  retryAfter: number | Date | undefined;
  constructor(description?: string, response?: ExceptionResponse, retryAfter?: number | Date) {
    super(description, response);
    this.retryAfter = retryAfter;
  }
  override getHeaders(request?: ExceptionRequest): HeaderPairs {
    const headers = super.getHeaders(request);
    if (this.retryAfter instanceof Date) headers.push(["Retry-After", this.retryAfter.toUTCString()]);
    else if (this.retryAfter) headers.push(["Retry-After", String(this.retryAfter)]);
    return headers;
  }
}

export class TooManyRequests extends RetryAfterException {
  override readonly code: number = 429;
  static override defaultDescription = "This user has exceeded an allotted request count. Try again later.";
}

export class RequestHeaderFieldsTooLarge extends HTTPException {
  override readonly code: number = 431;
  static override defaultDescription = "One or more header fields exceeds the maximum size.";
}

export class UnavailableForLegalReasons extends HTTPException {
  override readonly code: number = 451;
  static override defaultDescription = "Unavailable for legal reasons.";
}

// ---- 5xx ------------------------------------------------------------------------------------

export class InternalServerError extends HTTPException {
  override readonly code: number = 500;
  static override defaultDescription =
    "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.";
  /** The error that caused this 500, for error handlers and logs (never sent to the client). */
  readonly originalException: unknown;
  constructor(description?: string, response?: ExceptionResponse, originalException?: unknown) {
    super(description, response);
    this.originalException = originalException;
  }
}

export class NotImplemented extends HTTPException {
  override readonly code: number = 501;
  static override defaultDescription = "The server does not support the action requested by the browser.";
}

export class BadGateway extends HTTPException {
  override readonly code: number = 502;
  static override defaultDescription = "The proxy server received an invalid response from an upstream server.";
}

export class ServiceUnavailable extends RetryAfterException {
  override readonly code: number = 503;
  static override defaultDescription =
    "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.";
}

export class GatewayTimeout extends HTTPException {
  override readonly code: number = 504;
  static override defaultDescription = "The connection to an upstream server timed out.";
}

export class HTTPVersionNotSupported extends HTTPException {
  override readonly code: number = 505;
  static override defaultDescription = "The server does not support the HTTP protocol version used in the request.";
}

// ---- routing --------------------------------------------------------------------------------

/** Raised by matching when the request should go to another URL (always a 308). */
export class RequestRedirect extends HTTPException {
  override readonly code: number = 308;
  /** Absolute URL to redirect to. */
  readonly newUrl: string;
  constructor(newUrl: string) {
    super(newUrl);
    this.newUrl = newUrl;
  }
  override getBody(_request?: ExceptionRequest): string {
    return redirectPage(this.newUrl);
  }
  override getHeaders(request?: ExceptionRequest): HeaderPairs {
    return [...super.getHeaders(request), ["Location", this.newUrl]];
  }
}

/** The rule matched but only for the other kind of request (WebSocket vs plain HTTP). */
export class WebsocketMismatch extends BadRequest {}

/** `build` found no rule of the endpoint that fits the given values and method. */
export class BuildError extends Error {
  readonly endpoint: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly method: string | undefined;
  /** Close matches for a misspelt endpoint, best first. */
  readonly suggestions: string[];
  constructor(endpoint: string, values: Readonly<Record<string, unknown>>, method: string | undefined, reason: string, suggestions: string[] = []) {
    super(`wz: could not build a URL for endpoint "${endpoint}"${method ? ` (method ${method})` : ""}: ${reason}`);
    this.name = "BuildError";
    this.endpoint = endpoint;
    this.values = values;
    this.method = method;
    this.suggestions = suggestions;
  }
}

// ---- abort ----------------------------------------------------------------------------------

export type ExceptionClass = new (...args: any[]) => HTTPException;

/** The most generic exception class per status code (Werkzeug's `default_exceptions`). */
export const defaultExceptions: ReadonlyMap<number, ExceptionClass> = new Map(
  (
    [
      BadRequest,
      Unauthorized,
      Forbidden,
      NotFound,
      MethodNotAllowed,
      NotAcceptable,
      RequestTimeout,
      Conflict,
      Gone,
      LengthRequired,
      PreconditionFailed,
      RequestEntityTooLarge,
      RequestURITooLarge,
      UnsupportedMediaType,
      RequestedRangeNotSatisfiable,
      ExpectationFailed,
      ImATeapot,
      MisdirectedRequest,
      UnprocessableEntity,
      Locked,
      FailedDependency,
      PreconditionRequired,
      TooManyRequests,
      RequestHeaderFieldsTooLarge,
      UnavailableForLegalReasons,
      InternalServerError,
      NotImplemented,
      BadGateway,
      ServiceUnavailable,
      GatewayTimeout,
      HTTPVersionNotSupported,
    ] as ExceptionClass[]
  ).map((cls) => [new cls().code, cls]),
);

/**
 * Throws the exception for `status` (`abort(404)` throws NotFound), passing the remaining
 * arguments to its constructor; `abort(response)` throws an HTTPException carrying that response.
 * An unknown code is a programming error (a plain Error, not an HTTP response).
 */
export function abort(status: number | ExceptionResponse, ...args: unknown[]): never {
  if (typeof status !== "number") throw new HTTPException(undefined, status);
  const cls = defaultExceptions.get(status);
  if (cls === undefined) throw new Error(`wz: abort(${status}): no HTTP exception for this status code`);
  throw new cls(...args);
}

function headerText(value: unknown): string {
  const withToHeader = value as { toHeader?: () => string };
  return typeof withToHeader?.toHeader === "function" ? withToHeader.toHeader() : String(value);
}
