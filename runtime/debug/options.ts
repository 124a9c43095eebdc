// The debugger's options (Werkzeug's DebuggedApplication arguments in camelCase). Light: the
// facade in index.ts and the dev server read it without loading the debugger.
import type { App } from "../serving/dispatch.js";

export interface DebuggerOptions {
  /** Offer consoles that run code in the server process. Default false. */
  evalex?: boolean;
  /** Require the PIN before a console runs anything. Default true. */
  pinSecurity?: boolean;
  /**
   * Hosts the debugger answers to (Host header, port ignored; `.example` also matches
   * subdomains). Default `localhost`, `.localhost`, `127.0.0.1`, `[::1]`; the dev server adds
   * the host it binds.
   */
  trustedHosts?: readonly string[];
  /** Where the standalone console is served when evalex is on. Default `/console`. */
  consolePath?: string;
  /** Also show Node's internal frames and the debugger's own. Default false. */
  showHiddenFrames?: boolean;
}

/** How the dev server sets up a debugger beyond the public options. */
export interface DebuggerSetup {
  /** The app's file: one input of the PIN. Default: the script node runs. */
  appPath: string;
  /** Print ` * Debugger PIN: ...` (false where the dev server's parent already did). */
  announce: boolean;
}

export const DEFAULT_TRUSTED_HOSTS: readonly string[] = ["localhost", ".localhost", "127.0.0.1", "[::1]"];

/** The trusted hosts for a server bound to `host`: the defaults plus that host (Werkzeug's run_simple). */
export function trustedHostsFor(host: string): string[] {
  const bound = host.includes(":") ? `[${host}]` : host;
  const everyAddress = host === "0.0.0.0" || host === "::" || host === "";
  return everyAddress || DEFAULT_TRUSTED_HOSTS.includes(bound) ? [...DEFAULT_TRUSTED_HOSTS] : [...DEFAULT_TRUSTED_HOSTS, bound];
}

/** Checks the options' types: a misspelt value fails at startup, not on the first error. */
export function checkDebuggerOptions(app: App, options: DebuggerOptions): void {
  if (typeof app !== "function") throw new TypeError("debuggedApplication: app must be a function (request) => Response");
  for (const key of ["evalex", "pinSecurity", "showHiddenFrames"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "boolean") throw new TypeError(`debuggedApplication: ${key} must be a boolean`);
  }
  if (
    options.trustedHosts !== undefined &&
    (!Array.isArray(options.trustedHosts) || options.trustedHosts.some((host) => typeof host !== "string" || host === ""))
  ) {
    throw new TypeError("debuggedApplication: trustedHosts must be an array of host names");
  }
  if (options.consolePath !== undefined && (typeof options.consolePath !== "string" || !options.consolePath.startsWith("/"))) {
    throw new TypeError("debuggedApplication: consolePath must be a path starting with /");
  }
  for (const key of Object.keys(options)) {
    if (!["evalex", "pinSecurity", "trustedHosts", "consolePath", "showHiddenFrames"].includes(key)) {
      throw new TypeError(`debuggedApplication: unknown option "${key}"`);
    }
  }
}
