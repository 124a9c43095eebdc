// `redirect(location, code = 302)` (Werkzeug 3.1 utils.redirect): an HTML page linking to the
// target, with the Location header set as given (converted IRI -> URI at send time).
import { Response } from "./response.js";
import { redirectPage } from "./status.js";

/** A redirect response to `location` (301, 302, 303, 305, 307 or 308; default 302). */
export function redirect(location: string, code = 302): Response {
  const response = new Response(redirectPage(location), { status: code, mimetype: "text/html" });
  response.headers.set("Location", location);
  return response;
}
