// `redirect(location, code = 302)` (Werkzeug 3.1 utils.redirect): an HTML page linking to the
// target, with the Location header set as given (converted IRI -> URI at send time).
import { Response } from "./response.js";
import { escapeHtml } from "./status.js";

/** A redirect response to `location` (301, 302, 303, 305, 307 or 308; default 302). */
export function redirect(location: string, code = 302): Response {
  const href = escapeHtml(location);
  const body = "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
    + `<p>You should be redirected automatically to the target URL: <a href="${href}">${href}</a>. If not, click the link.\n`;
  const response = new Response(body, { status: code, mimetype: "text/html" });
  response.headers.set("Location", location);
  return response;
}
