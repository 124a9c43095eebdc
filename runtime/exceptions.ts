// HTTP exceptions. The routing errors (NotFound, MethodNotAllowed, RequestRedirect,
// WebsocketMismatch, BuildError) are defined here once and re-exported by `wz/routing`.

/** Base of every HTTP error: carries a status code and a description. */
export class HTTPException extends Error {
  /** Status code of the response this exception renders as. */
  readonly code: number = 500;
  /** Human-readable text shown in the error page. */
  description: string;

  constructor(description?: string) {
    super(description ?? "");
    this.name = new.target.name;
    this.description = description ?? (new.target as unknown as { defaultDescription?: string }).defaultDescription ?? "";
  }

  static defaultDescription = "";
}

export class BadRequest extends HTTPException {
  override readonly code: number = 400;
  static override defaultDescription =
    "The browser (or proxy) sent a request that this server could not understand.";
}

export class NotFound extends HTTPException {
  override readonly code: number = 404;
  static override defaultDescription =
    "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
}

export class MethodNotAllowed extends HTTPException {
  override readonly code: number = 405;
  static override defaultDescription = "The method is not allowed for the requested URL.";
  /** The methods the URL accepts, sorted; sent in the `Allow` header. */
  readonly validMethods: string[];
  constructor(validMethods: Iterable<string> = [], description?: string) {
    super(description);
    this.validMethods = [...validMethods].sort();
  }
}

/** Raised by matching when the request should go to another URL (always a 308). */
export class RequestRedirect extends HTTPException {
  override readonly code: number = 308;
  /** Absolute URL to redirect to. */
  readonly newUrl: string;
  constructor(newUrl: string) {
    super(`Redirecting to ${newUrl}`);
    this.newUrl = newUrl;
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
