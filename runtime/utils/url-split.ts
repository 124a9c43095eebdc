// Python 3.11's urllib.parse.urlsplit / urlunsplit, which Werkzeug's iri_to_uri and uri_to_iri
// are built on: the same split (scheme lower-cased, tabs and newlines removed, an empty query
// or fragment dropped on the way back) gives the same answers on odd input.

export interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

// Schemes whose URLs get a `//` authority back even when it is empty (Python's uses_netloc,
// plus itms-services as Werkzeug adds it).
const usesNetloc = new Set([
  "ftp",
  "http",
  "gopher",
  "nntp",
  "telnet",
  "imap",
  "wais",
  "file",
  "mms",
  "https",
  "shttp",
  "snews",
  "prospero",
  "rtsp",
  "rtspu",
  "rsync",
  "svn",
  "svn+ssh",
  "sftp",
  "nfs",
  "git",
  "git+ssh",
  "ws",
  "wss",
  "itms-services",
]);

/** Splits a URL; throws a TypeError for unbalanced IPv6 brackets (Python's ValueError). */
export function urlSplit(input: string): SplitUrl {
  let url = input.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
  let scheme = "";
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+\-.]*$/.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith("//")) {
    let end = url.length;
    for (const delimiter of "/?#") {
      const at = url.indexOf(delimiter, 2);
      if (at !== -1 && at < end) end = at;
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
    if (netloc.includes("[") !== netloc.includes("]")) throw new TypeError(`wz: invalid IPv6 URL: ${JSON.stringify(input)}`);
  }
  const hash = url.indexOf("#");
  if (hash !== -1) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const question = url.indexOf("?");
  if (question !== -1) {
    query = url.slice(question + 1);
    url = url.slice(0, question);
  }
  return { scheme, netloc, path: url, query, fragment };
}

export function urlUnsplit({ scheme, netloc, path, query, fragment }: SplitUrl): string {
  let url = path;
  if (netloc || (scheme && usesNetloc.has(scheme) && !url.startsWith("//"))) {
    if (url && !url.startsWith("/")) url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme) url = `${scheme}:${url}`;
  if (query) url += `?${query}`;
  if (fragment) url += `#${fragment}`;
  return url;
}

/** The authority's parts as Python's SplitResult reads them (hostname lower-cased, brackets removed). */
export interface Authority {
  username: string | undefined;
  password: string | undefined;
  hostname: string | undefined;
  /** The port as written (digits only); throws for anything else, as Python's `.port` does. */
  port: number | undefined;
}

export function splitAuthority(netloc: string): Authority {
  const at = netloc.lastIndexOf("@");
  let username: string | undefined;
  let password: string | undefined;
  if (at !== -1) {
    const userinfo = netloc.slice(0, at);
    const colon = userinfo.indexOf(":");
    username = colon === -1 ? userinfo : userinfo.slice(0, colon);
    password = colon === -1 ? undefined : userinfo.slice(colon + 1);
  }
  const hostinfo = netloc.slice(at + 1);
  let hostname: string;
  let port: string;
  const open = hostinfo.indexOf("[");
  if (open !== -1) {
    const bracketed = hostinfo.slice(open + 1);
    const close = bracketed.indexOf("]");
    hostname = close === -1 ? bracketed : bracketed.slice(0, close);
    const after = close === -1 ? "" : bracketed.slice(close + 1);
    const portColon = after.indexOf(":");
    port = portColon === -1 ? "" : after.slice(portColon + 1);
  } else {
    const colon = hostinfo.indexOf(":");
    hostname = colon === -1 ? hostinfo : hostinfo.slice(0, colon);
    port = colon === -1 ? "" : hostinfo.slice(colon + 1);
  }
  let portNumber: number | undefined;
  if (port !== "") {
    if (!/^[0-9]+$/.test(port)) throw new TypeError(`wz: port could not be cast to integer value as ${JSON.stringify(port)}`);
    portNumber = Number(port);
    if (portNumber > 65535) throw new TypeError("wz: port out of range 0-65535");
  }
  let lowered: string | undefined;
  if (hostname !== "") {
    // A scoped IPv6 address keeps its zone's case.
    const percent = hostname.indexOf("%");
    lowered = percent === -1 ? hostname.toLowerCase() : hostname.slice(0, percent).toLowerCase() + hostname.slice(percent);
  }
  return { username, password, hostname: lowered, port: portNumber };
}
