// An answer that goes out before the request body has arrived (a 413 or 408, a 400 for a bad
// body, or an app that never read it) must not cost the server the rest of that body: node:http
// would otherwise read and drop all of it to reuse the connection, so a client could make the
// server swallow gigabytes after the 413. Such a response says `Connection: close` and the
// socket is closed once it is flushed, as Werkzeug's dev server (which closes every connection)
// and gunicorn's sync workers do. Small bodies keep the connection: node drains them cheaply.
import type { IncomingMessage } from "node:http";
import type { Request } from "../wrappers/request.js";

/** Unread bodies up to this size are drained to keep the connection alive. */
export const DRAIN_LIMIT = 64 * 1024;

/** True when answering `request` now would leave a body on the wire that is not worth reading. */
export function leavesBodyUnread(req: IncomingMessage, request: Request): boolean {
  // Every byte has arrived (it may sit unread in memory): keep-alive costs nothing.
  if (req.complete) return false;
  // Read through the Request's headers (a view of rawHeaders): node's `req.headers` would build
  // an object per request.
  const length = request.contentLength; // null when chunked or absent
  if (length === null ? !request.headers.has("transfer-encoding") : length === 0) return false;
  // A read that began and stopped (a limit, a timeout, a bad body) left the rest paused behind it.
  if (req.readableFlowing !== null) return true;
  return length === null || length > DRAIN_LIMIT;
}
