// IRI -> URI for the Location and Content-Location headers at send time (RES-07, URL-01):
// non-ASCII and unsafe characters are percent-encoded per URL part (existing %XX kept), and the
// host is IDNA-encoded.
import { domainToASCII } from "node:url";
import { splitAuthority, urlSplit, urlUnsplit, type SplitUrl } from "../utils/url-split.js";

const pathSafe = "%!$&'()*+,/:;=@";
const querySafe = "%!$&'()*+,/:;=?@";
const fragmentSafe = "%!#$&'()*+,/:;=?@";
const userinfoSafe = "%!$&'()*+,;=";

/** Percent-encodes UTF-8 bytes of `text` except unreserved characters and `safe`. */
export function quote(text: string, safe: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    if (
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      "_.-~".includes(char) ||
      (byte < 0x80 && safe.includes(char))
    ) {
      out += char;
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

// Already a URI, and one Python's urlsplit/urlunsplit gives back unchanged: a path starting
// with one "/" in printable ASCII that no part would encode, without an empty query or fragment.
const plainPath = /^\/(?!\/)[A-Za-z0-9\-._~%!$&'()*+,/:;=@?#]*$/;
function isPlainPath(iri: string): boolean {
  return plainPath.test(iri) && !iri.endsWith("?") && !iri.endsWith("#") && !iri.includes("?#");
}

/**
 * `http://☃.net/påth?q=é` -> `http://xn--n3h.net/p%C3%A5th?q=%C3%A9` (Werkzeug 3.1.8
 * `iri_to_uri`, on Python's urlsplit). Where Werkzeug raises (a port that is not a number,
 * unbalanced IPv6 brackets), the authority is kept, percent-encoded, so a Location header
 * never fails at send time.
 */
export function iriToUri(iri: string): string {
  if (isPlainPath(iri)) return iri;
  let parts: SplitUrl;
  try {
    parts = urlSplit(iri);
  } catch {
    return quote(iri, fragmentSafe + "[]");
  }
  return urlUnsplit({
    scheme: parts.scheme,
    netloc: encodeAuthority(parts.netloc),
    path: quote(parts.path, pathSafe),
    query: quote(parts.query, querySafe),
    fragment: quote(parts.fragment, fragmentSafe),
  });
}

function encodeAuthority(netloc: string): string {
  let authority: ReturnType<typeof splitAuthority>;
  try {
    authority = splitAuthority(netloc);
  } catch {
    return quote(netloc, `${userinfoSafe}:@[]`);
  }
  const { username, password, hostname, port } = authority;
  // Python's idna codec leaves ASCII labels alone (IPv6 addresses included).
  let encoded = !hostname ? "" : /^[\x00-\x7f]*$/.test(hostname) ? hostname : domainToASCII(hostname) || quote(hostname, "");
  if (encoded.includes(":")) encoded = `[${encoded}]`;
  if (port) encoded = `${encoded}:${port}`;
  if (username) {
    let auth = quote(username, userinfoSafe);
    if (password) auth = `${auth}:${quote(password, userinfoSafe)}`;
    encoded = `${auth}@${encoded}`;
  }
  return encoded;
}
