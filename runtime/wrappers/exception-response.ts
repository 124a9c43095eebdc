// Rendering an HTTPException as a Response: the I/O half of the sans-IO exceptions. Loading
// this module installs the renderer `HTTPException.getResponse` uses (every entry of `wz` loads
// it through the wrappers barrel, and the serving layer imports it directly), and merges wz's
// Request and Response into the open types the exceptions are declared with.
import { setExceptionRenderer, type DescribedException } from "../exception-renderer.js";
import type { Request } from "./request.js";
import { Response } from "./response.js";

declare module "../exception-renderer.js" {
  interface ExceptionRequest extends Request {}
  interface ExceptionResponse extends Response {}
}

/**
 * The response for an exception: its HTML page and headers, or `{ code, name, description }` as
 * JSON when the request's Accept header prefers `application/json` over `text/html` (a wz
 * addition; Werkzeug always renders HTML).
 */
export function exceptionResponse(exception: DescribedException, request?: Request): Response {
  const headers = exception.getHeaders(request);
  if (request !== undefined && prefersJson(request)) {
    headers[0] = ["Content-Type", "application/json"];
    const body = JSON.stringify({ code: exception.code, name: exception.name, description: exception.description });
    return new Response(body, { status: exception.code, headers });
  }
  return new Response(exception.getBody(request), { status: exception.code, headers });
}

function prefersJson(request: Request): boolean {
  const accept = request.headers.get("accept");
  if (accept === undefined || !accept.includes("json")) return false;
  return request.acceptMimetypes.bestMatch(["text/html", "application/json"]) === "application/json";
}

setExceptionRenderer(exceptionResponse);
