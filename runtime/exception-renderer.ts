// The seam between the sans-IO exceptions and the response layer. exceptions.ts describes an
// error (status, headers, body) and must not import Response, which lives above it (Response's
// own modules throw those exceptions); so `getResponse` renders through the function the
// response layer installs here when it loads (wrappers/exception-response.ts). The I/O types are
// left open in the same way: the response layer merges wz's Request and Response into them.

/**
 * The request an exception is rendered for. Open here; with `wz` loaded it is wz's `Request`
 * (declaration merging in wrappers/exception-response.ts).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface ExceptionRequest {}

/**
 * The response an exception renders as, or carries (Werkzeug's `HTTPException(response=...)`).
 * Open here; with `wz` loaded it is wz's `Response`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface ExceptionResponse {}

/** What the renderer reads from an exception: its sans-IO description. */
export interface DescribedException {
  readonly code: number;
  readonly name: string;
  readonly description: string;
  getBody(request?: ExceptionRequest): string;
  getHeaders(request?: ExceptionRequest): [string, string][];
}

type Renderer = (exception: DescribedException, request?: ExceptionRequest) => ExceptionResponse;

let renderer: Renderer | undefined;

/** Installs the renderer (once, by the response layer as it loads). */
export function setExceptionRenderer(render: Renderer): void {
  renderer = render;
}

/** The response for a described exception, through the installed renderer. */
export function renderException(exception: DescribedException, request?: ExceptionRequest): ExceptionResponse {
  if (renderer === undefined) {
    throw new Error('wz: rendering an HTTPException needs the response layer: import it from "wz" (not only "wz/routing")');
  }
  return renderer(exception, request);
}
