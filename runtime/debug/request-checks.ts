// Who may use the debugger. Two attacks hit dev-server debuggers: a page on an attacker's
// domain that resolves to the developer's machine (DNS rebinding, Werkzeug's CVE-2024-34069),
// answered by a Host allowlist on every debugger request; and a page on another site sending
// requests to localhost (Vite's CVE-2025-24010, Next.js's CVE-2025-48068, and the `Origin: null`
// bypass of CVE-2026-27977), answered by refusing command requests a browser marks cross-site.
import { hostIsTrusted } from "../wrappers/request.js";
import type { Request } from "../wrappers/request.js";

/** The host part of a Host header: `[::1]:5000` -> `[::1]`, `a.localhost:80` -> `a.localhost`. */
function hostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end < 0 ? "" : host.slice(0, end + 1).toLowerCase();
  }
  return host.split(":")[0]!.toLowerCase();
}

/** Werkzeug's host_is_trusted (a leading dot also matches subdomains), with bracketed IPv6. */
export function debuggerHostTrusted(host: string | undefined, trusted: readonly string[]): boolean {
  if (host === undefined || host === "") return false;
  if (host.startsWith("[")) {
    if (!/^\[[0-9a-fA-F:.]+\](?::\d+)?$/.test(host)) return false;
    const name = hostname(host);
    return trusted.some((entry) => entry.toLowerCase() === name);
  }
  // Same character rules and matching as the Request's own trusted-host check (which reads an
  // empty list as "every host": never pass it one).
  const names = trusted.filter((entry) => !entry.startsWith("["));
  return names.length > 0 && hostIsTrusted(host.toLowerCase(), names);
}

export function requestHostTrusted(request: Request, trusted: readonly string[]): boolean {
  return debuggerHostTrusted(request.headers.get("host"), trusted);
}

/**
 * A command must come from the debugger's own page. Browsers say where a request comes from:
 * `Sec-Fetch-Site` (anything but `same-origin` is refused) and `Origin` (must be this server's
 * own origin; `null`, sent by sandboxed frames and some redirects, is refused). A client that
 * sends neither is not a browser page, which is what this guards against.
 */
export function crossSiteReason(request: Request): string | null {
  const site = request.headers.get("sec-fetch-site");
  if (site !== undefined && site !== "same-origin") return `Sec-Fetch-Site: ${site}`;
  const origin = request.headers.get("origin");
  if (origin !== undefined) {
    const own = `${request.isSecure ? "https" : "http"}://${request.headers.get("host") ?? ""}`.toLowerCase();
    if (origin.toLowerCase() !== own) return `Origin: ${origin}`;
  }
  return null;
}
