// uriToIri (Werkzeug 3.1.8 urls.uri_to_iri): a URI shown as an IRI: valid UTF-8 escapes decoded
// except where decoding would change the part's meaning, and a punycode host decoded.
import { domainToASCII, domainToUnicode } from "node:url";
import { alwaysUnsafe, unquotePart } from "./unquote-part.js";
import { splitAuthority, urlSplit, urlUnsplit } from "./url-split.js";

const pathKeep = `${alwaysUnsafe}/?#`;
const queryKeep = `${alwaysUnsafe}&=+#`;
const userKeep = `${alwaysUnsafe}:@/?#`;

/**
 * Werkzeug's `_decode_idna`: punycode labels decoded; a label that is not valid punycode (it
 * would not encode back to itself) is shown as written.
 */
function decodeIdna(domain: string): string {
  if (!/^[\x00-\x7f]*$/.test(domain)) return domain;
  return domain
    .split(".")
    .map((label) => {
      if (!label.startsWith("xn--")) return label;
      const decoded = domainToUnicode(label);
      return decoded && domainToASCII(decoded) === label ? decoded : label;
    })
    .join(".");
}

/** `http://xn--n3h.net/p%C3%A5th?q=%C3%A8ry%DF` -> `http://☃.net/påth?q=èry%DF`. */
export function uriToIri(uri: string): string {
  const parts = urlSplit(uri);
  const { username, password, hostname, port } = splitAuthority(parts.netloc);
  let netloc = hostname ? decodeIdna(hostname) : "";
  if (netloc.includes(":")) netloc = `[${netloc}]`;
  if (port) netloc = `${netloc}:${port}`;
  if (username) {
    let auth = unquotePart(username, userKeep);
    if (password) auth = `${auth}:${unquotePart(password, userKeep)}`;
    netloc = `${auth}@${netloc}`;
  }
  return urlUnsplit({
    scheme: parts.scheme,
    netloc,
    path: unquotePart(parts.path, pathKeep),
    query: unquotePart(parts.query, queryKeep),
    fragment: unquotePart(parts.fragment, alwaysUnsafe),
  });
}
