// Request URLs (REQ-05, Werkzeug `get_current_url`): parts quoted with Werkzeug's safe sets,
// then shown as an IRI (valid UTF-8 escapes decoded, except characters that would change the
// meaning of the part; space and controls stay encoded; an IDNA host is shown decoded).
import { domainToUnicode } from "node:url";
import { decodeRequoting } from "../forms/urlencoded.js";
import { quote } from "./iri.js";
import { trimEndChars } from "../http/trim.js";

const pathSafe = "!$&'()*+,/:;=@%";
const querySafe = "!$&'()*+,/:;=?@%";
// Always kept encoded: controls, space, `%` and DEL; plus the part's own delimiters.
const alwaysUnsafe = `${String.fromCharCode(...Array.from({ length: 0x21 }, (_, i) => i))}%\x7f`;
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

/** Decodes `%XX` escapes except those of characters in `keep`; invalid UTF-8 stays encoded. */
function unquotePart(value: string, keep: string): string {
  if (!value.includes("%")) return value;
  let out = "";
  let run: number[] = [];
  const flush = () => {
    if (run.length > 0) out += decodeRequoting(Uint8Array.from(run));
    run = [];
  };
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "%" && i + 2 < value.length + 0 && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      const byte = parseInt(value.slice(i + 1, i + 3), 16);
      if (byte < 0x80 && keep.includes(String.fromCharCode(byte))) {
        flush();
        out += value.slice(i, i + 3);
      } else {
        run.push(byte);
      }
      i += 2;
    } else {
      run.push(value.charCodeAt(i));
    }
  }
  flush();
  return out;
}
