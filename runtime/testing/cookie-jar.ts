// The test client's cookie jar, with Werkzeug's deliberately simple rules (TEST-08): cookies are
// stored under (domain, path, decoded name); without a Domain attribute a cookie is host-only;
// paths match by prefix on segment boundaries; Max-Age=0 or an Expires at the epoch deletes.
// Secure and expiry dates are not enforced, so tests see what the app set.
import { parseCookie, parseDate, dumpCookie, type CookieOptions } from "../http/index.js";

/** A stored cookie, as `client.getCookie()` returns it. */
export interface Cookie {
  /** Name and value as sent in the Set-Cookie header. */
  key: string;
  value: string;
  /** Name and value unquoted as the server will read them. */
  decodedKey: string;
  decodedValue: string;
  expires: Date | null;
  maxAge: number | null;
  domain: string;
  /** True when the cookie had no Domain attribute (sent to that exact host only). */
  originOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string | null;
}

function parseSetCookie(serverName: string, requestPath: string, header: string): Cookie {
  const semicolon = header.indexOf(";");
  const pair = semicolon === -1 ? header : header.slice(0, semicolon);
  const attributes = semicolon === -1 ? "" : header.slice(semicolon + 1);
  const equals = pair.indexOf("=");
  const key = (equals === -1 ? pair : pair.slice(0, equals)).trim();
  const value = (equals === -1 ? "" : pair.slice(equals + 1)).trim();
  const decoded = [...parseCookie(pair)][0] ?? [key, value];
  const params = new Map<string, string | null>();
  for (const item of attributes.split(";")) {
    const eq = item.indexOf("=");
    params.set((eq === -1 ? item : item.slice(0, eq)).trim().toLowerCase(), eq === -1 ? null : item.slice(eq + 1).trim());
  }
  const maxAge = params.has("max-age") ? Number.parseInt(params.get("max-age") || "0", 10) || 0 : null;
  const defaultPath = requestPath.slice(0, requestPath.lastIndexOf("/")) || "/";
  return {
    key,
    value,
    decodedKey: decoded[0],
    decodedValue: decoded[1],
    expires: parseDate(params.get("expires") ?? null),
    maxAge,
    domain: params.get("domain") || serverName,
    originOnly: !params.has("domain"),
    path: params.get("path") || defaultPath,
    secure: params.has("secure"),
    httpOnly: params.has("httponly"),
    sameSite: params.get("samesite") ?? null,
  };
}

function matches(cookie: Cookie, serverName: string, path: string): boolean {
  const domainMatches =
    serverName === cookie.domain || (!cookie.originOnly && serverName.endsWith(cookie.domain) && serverName.slice(0, -cookie.domain.length).endsWith("."));
  if (!domainMatches) return false;
  if (path === cookie.path) return true;
  const rest = path.slice(cookie.path.length - (cookie.path.endsWith("/") ? 1 : 0));
  return path.startsWith(cookie.path) && rest.startsWith("/");
}

function storageKey(cookie: Cookie): string {
  return JSON.stringify([cookie.domain, cookie.path, cookie.decodedKey]);
}

export class CookieJar {
  private readonly cookies = new Map<string, Cookie>();

  /** The Cookie header for a request to `serverName` and `path`, or undefined when none apply. */
  headerFor(serverName: string, path: string): string | undefined {
    const sent: string[] = [];
    for (const cookie of this.cookies.values()) if (matches(cookie, serverName, path)) sent.push(`${cookie.key}=${cookie.value}`);
    return sent.length === 0 ? undefined : sent.join("; ");
  }

  /** Stores (or deletes) the cookies of a response's Set-Cookie headers. */
  update(serverName: string, path: string, setCookieHeaders: Iterable<string>): void {
    for (const header of setCookieHeaders) this.store(parseSetCookie(serverName, path, header));
  }

  private store(cookie: Cookie): void {
    const shouldDelete = cookie.maxAge === 0 || (cookie.expires !== null && cookie.expires.getTime() === 0);
    if (shouldDelete) this.cookies.delete(storageKey(cookie));
    else this.cookies.set(storageKey(cookie), cookie);
  }

  get(key: string, domain = "localhost", path = "/"): Cookie | undefined {
    return this.cookies.get(JSON.stringify([domain, path, key]));
  }

  set(key: string, value: string, options: CookieOptions & { domain?: string; originOnly?: boolean; path?: string }): void {
    const domain = options.domain ?? "localhost";
    const cookie = parseSetCookie(domain, "/", dumpCookie(key, value, { ...options, domain, path: options.path ?? "/" }));
    cookie.originOnly = options.originOnly ?? true;
    this.store(cookie);
  }

  delete(key: string, domain = "localhost", path = "/"): void {
    this.cookies.delete(JSON.stringify([domain, path, key]));
  }

  /** Every stored cookie. */
  [Symbol.iterator](): IterableIterator<Cookie> {
    return this.cookies.values();
  }
}
