// proxyFix (Werkzeug 3.1.8 middleware.proxy_fix.ProxyFix): believe X-Forwarded-* headers set by
// a known number of proxies in front of the app. For each header, the value N places from the
// right is the one the outermost trusted proxy saw; with fewer than N values the header is
// ignored (a client can always prepend values of its own).
import { parseListHeader } from "../http/index.js";
import type { App } from "../serving/dispatch.js";
import type { Request } from "../wrappers/request.js";
import { callWithRequest, deriveRequest, type RequestChanges } from "./derived-request.js";

export interface ProxyFixOptions {
  /** Proxies setting X-Forwarded-For (the client address). Default 1. */
  xFor?: number;
  /** Proxies setting X-Forwarded-Proto (the scheme). Default 1. */
  xProto?: number;
  /** Proxies setting X-Forwarded-Host (Host and the server name). Default 0. */
  xHost?: number;
  /** Proxies setting X-Forwarded-Port. Default 0. */
  xPort?: number;
  /** Proxies setting X-Forwarded-Prefix (the root path). Default 0. */
  xPrefix?: number;
}

/** What the request said before proxyFix changed it (Werkzeug's `werkzeug.proxy_fix.orig`). */
export interface ProxyFixOriginal {
  remoteAddr: string | null;
  scheme: string;
  /** The Host header, or undefined when there was none. */
  host: string | undefined;
  server: readonly [string, number | null] | null;
  rootPath: string;
}

const originals = new WeakMap<Request, ProxyFixOriginal>();

/** The values a request had before proxyFix rewrote it, or undefined for a request it did not see. */
export function proxyFixOriginal(request: Request): ProxyFixOriginal | undefined {
  return originals.get(request);
}

function trustedValue(trusted: number, header: string | undefined): string | undefined {
  if (!trusted || !header) return undefined;
  const values = parseListHeader(header);
  return values.length >= trusted ? values[values.length - trusted] : undefined;
}

/** `host:port` split at the last colon, unless the colon belongs to a bare `[IPv6]`. */
function splitPort(host: string): [string, string | undefined] {
  if (!host.includes(":") || host.endsWith("]")) return [host, undefined];
  const colon = host.lastIndexOf(":");
  return [host.slice(0, colon), host.slice(colon + 1)];
}

function serverPort(port: string): number | null {
  return /^\d+$/.test(port) ? Number(port) : null;
}

/**
 * Wraps `app` so it sees the client's address, scheme, host, port and prefix as forwarded by
 * the given number of trusted proxies: `proxyFix(app, { xFor: 1, xProto: 1, xHost: 1 })`.
 * Only count proxies you run: a header no trusted proxy sets can be forged by the client.
 */
export function proxyFix(app: App, options: ProxyFixOptions = {}): App {
  const { xFor = 1, xProto = 1, xHost = 0, xPort = 0, xPrefix = 0 } = options;
  return function proxyFixed(request: Request) {
    const headers = request.headers;
    const original: ProxyFixOriginal = {
      remoteAddr: request.remoteAddr,
      scheme: request.scheme,
      host: headers.get("host"),
      server: request.server,
      rootPath: request.rootPath,
    };
    const changes: RequestChanges = {};
    const forwardedFor = trustedValue(xFor, headers.getJoined("x-forwarded-for"));
    if (forwardedFor) changes.remoteAddr = forwardedFor;
    const forwardedProto = trustedValue(xProto, headers.getJoined("x-forwarded-proto"));
    if (forwardedProto) changes.scheme = forwardedProto;
    let host = original.host;
    let server = original.server;
    const forwardedHost = trustedValue(xHost, headers.getJoined("x-forwarded-host"));
    if (forwardedHost) {
      host = forwardedHost;
      const [name, port] = splitPort(forwardedHost);
      server = [name, port === undefined ? (server?.[1] ?? null) : serverPort(port)];
    }
    const forwardedPort = trustedValue(xPort, headers.getJoined("x-forwarded-port"));
    if (forwardedPort) {
      if (host) host = `${splitPort(host)[0]}:${forwardedPort}`;
      server = [server?.[0] ?? "", serverPort(forwardedPort)];
    }
    if (host !== original.host) changes.host = host;
    if (server !== original.server) changes.server = server;
    const forwardedPrefix = trustedValue(xPrefix, headers.getJoined("x-forwarded-prefix"));
    if (forwardedPrefix) changes.rootPath = forwardedPrefix;
    const derived = deriveRequest(request, changes);
    originals.set(derived, original);
    return callWithRequest(app, derived);
  };
}
