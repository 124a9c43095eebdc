// The charset rule (RES-03): a mimetype given to a Response gets `; charset=utf-8` when it is
// text, XML or one of a few script types.

const charsetApplicationTypes = new Set([
  "application/ecmascript",
  "application/javascript",
  "application/sql",
  "application/xml",
  "application/xml-dtd",
  "application/xml-external-parsed-entity",
]);

/** `text/html` -> `text/html; charset=utf-8`; `image/png` unchanged. */
export function contentTypeFor(mimetype: string): string {
  const wantsCharset = mimetype.startsWith("text/") || mimetype.endsWith("+xml") || charsetApplicationTypes.has(mimetype);
  return wantsCharset ? `${mimetype}; charset=utf-8` : mimetype;
}

/** The mimetype of a Content-Type value: lower-cased, parameters removed. */
export function mimetypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return "";
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** `application/json` and `application/*+json` (REQ-25). */
export function isJsonMimetype(mimetype: string): boolean {
  return mimetype === "application/json" || (mimetype.startsWith("application/") && mimetype.endsWith("+json"));
}
