// Request URLs (REQ-05, Werkzeug `get_current_url`): parts quoted with Werkzeug's safe sets,
// then shown as an IRI (valid UTF-8 escapes decoded, except characters that would change the
// meaning of the part; space and controls stay encoded; an IDNA host is shown decoded).
import { domainToUnicode } from "node:url";
import { alwaysUnsafe, unquotePart } from "../utils/unquote-part.js";
import { quote } from "./iri.js";
import { trimEndChars } from "../http/trim.js";

const pathSafe = "!$&'()*+,/:;=@%";
const querySafe = "!$&'()*+,/:;=?@%";
// Kept encoded: what is always unsafe, plus the part's own delimiters.
const pathKeep = `${alwaysUnsafe}/?#`;
const queryKeep = `${alwaysUnsafe}&=+#`;

/** `scheme://host/root/path?query`; later parts are left out when not given. */
export function currentUrl(scheme: string, host: string, rootPath?: string, path?: string, queryString?: string): string {
  let url = `${scheme}://${hostToIri(host)}`;
  if (rootPath === undefined) return `${url}/`;
  url += unquotePart(quote(trimEndChars(rootPath, "/"), pathSafe), pathKeep) + "/";
  if (path === undefined) return url;
  url += unquotePart(quote(path.replace(/^\/+/, ""), pathSafe), pathKeep);
  if (queryString) url += `?${unquotePart(quote(queryString, querySafe), queryKeep)}`;
  return url;
}

function hostToIri(host: string): string {
  if (!host.includes("xn--")) return host;
  const colon = host.lastIndexOf(":");
  const name = colon === -1 || host.startsWith("[") ? host : host.slice(0, colon);
  const port = name === host ? "" : host.slice(colon);
  return (domainToUnicode(name) || name) + port;
}
