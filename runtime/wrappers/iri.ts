// IRI -> URI for the Location and Content-Location headers at send time (RES-07, URL-01):
// non-ASCII and unsafe characters are percent-encoded per URL part (existing %XX kept), and the
// host is IDNA-encoded.
import { domainToASCII } from "node:url";

const pathSafe = "%!$&'()*+,/:;=@";
const querySafe = "%!$&'()*+,/:;=?@";
const fragmentSafe = "%!#$&'()*+,/:;=?@";
const userinfoSafe = "%!$&'()*+,;=";

/** Percent-encodes UTF-8 bytes of `text` except unreserved characters and `safe`. */
export function quote(text: string, safe: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || "_.-~".includes(char) || (byte < 0x80 && safe.includes(char))) {
      out += char;
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

// Already a URI: printable ASCII with nothing that a part would encode.
const plainUri = /^[A-Za-z0-9\-._~%!$&'()*+,/:;=?@#[\]]*$/;

/** `http://☃.net/påth?q=é` -> `http://xn--n3h.net/p%C3%A5th?q=%C3%A9`. */
export function iriToUri(iri: string): string {
  if (plainUri.test(iri)) return iri;
  const split = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(iri)!;
  const [, scheme, authority, path, query, fragment] = split;
  let uri = scheme === undefined ? "" : `${scheme}:`;
  if (authority !== undefined) uri += `//${encodeAuthority(authority)}`;
  uri += quote(path!, pathSafe);
  if (query !== undefined) uri += `?${quote(query, querySafe)}`;
  if (fragment !== undefined) uri += `#${quote(fragment, fragmentSafe)}`;
  return uri;
}

function encodeAuthority(authority: string): string {
  const at = authority.lastIndexOf("@");
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const portMatch = /^(.*?)(:\d*)?$/s.exec(hostPort)!;
  let host = portMatch[1]!;
  const port = portMatch[2] ?? "";
  if (!host.startsWith("[")) host = domainToASCII(host.toLowerCase()) || quote(host, "");
  let prefix = "";
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(":");
    prefix = colon === -1
      ? quote(userinfo, userinfoSafe)
      : `${quote(userinfo.slice(0, colon), userinfoSafe)}:${quote(userinfo.slice(colon + 1), userinfoSafe)}`;
    prefix += "@";
  }
  return `${prefix}${host}${port === ":" ? "" : port}`;
}
