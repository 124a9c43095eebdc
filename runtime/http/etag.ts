// Entity tags: quoting, unquoting and generation.

import { createHash } from "node:crypto";

/** `"tag"` or `W/"tag"`; a tag containing `"` is refused (Werkzeug `quote_etag`). */
export function quoteEtag(etag: string, weak = false): string {
  if (etag.includes('"')) throw new TypeError("invalid etag");
  return weak ? `W/"${etag}"` : `"${etag}"`;
}

/** Splits `W/"tag"` into `[tag, weak]`; an empty or missing value gives `[null, null]`. */
export function unquoteEtag(etag: string | null | undefined): [string, boolean] | [null, null] {
  if (!etag) return [null, null];
  let tag = etag.trim();
  let weak = false;
  if (tag.startsWith("W/") || tag.startsWith("w/")) {
    weak = true;
    tag = tag.slice(2);
  }
  if (tag.length >= 1 && tag[0] === '"' && tag[tag.length - 1] === '"') tag = tag.slice(1, -1);
  return [tag, weak];
}

/** The SHA-1 hex digest of the data, Werkzeug 3.1's ETag (3.2 moves to SHA3-256). Strings are UTF-8 encoded. */
export function generateEtag(data: Uint8Array | string): string {
  return createHash("sha1").update(data).digest("hex");
}
