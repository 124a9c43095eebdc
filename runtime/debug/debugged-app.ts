// The debugger itself (loaded on demand by index.ts): wraps an app, turns an error it throws
// into the traceback page, and answers the page's requests: its assets, the PIN, and console
// input. Every debugger request is checked against the Host allowlist first; every command
// must be a same-origin POST carrying this process's secret; consoles run only after the PIN.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { HTTPException, SecurityError } from "../exceptions.js";
import { logError, type App } from "../serving/dispatch.js";
import type { Request } from "../wrappers/request.js";
import { Response } from "../wrappers/response.js";
import { DEBUGGER_JS, STYLE_CSS } from "./assets.js";
import { startCapture } from "./capture.js";
import { evaluate } from "./evaluate.js";
import { DEFAULT_TRUSTED_HOSTS, type DebuggerOptions, type DebuggerSetup } from "./options.js";
import { normalisePin, pinBanner, pinSetup, type PinSetup } from "./pin.js";
import { pinAttempts } from "./pin-attempts.js";
import { consolePageHtml, PAGE_SECURITY_HEADERS, tracebackHtml, tracebackJson, tracebackText } from "./render.js";
import { crossSiteReason, requestHostTrusted } from "./request-checks.js";
import { DebuggerStore } from "./store.js";
import { describeErrors } from "./traceback.js";

/** How long the PIN cookie is accepted (Werkzeug's PIN_TIME). */
const PIN_TIME_MS = 7 * 24 * 60 * 60 * 1000;
/** How long console input may run (sync part and awaited promise alike). */
export const EVALUATION_TIMEOUT_MS = 2000;
const MAX_COMMAND_BYTES = 256 * 1024;

const ASSETS: Record<string, { body: string; type: string }> = {
  "style.css": { body: STYLE_CSS, type: "text/css" },
  "debugger.js": { body: DEBUGGER_JS, type: "text/javascript" },
};

const log = (line: string) => process.stderr.write(`${line}\n`);

export function createDebugger(app: App, options: DebuggerOptions, setup: DebuggerSetup): App {
  const evalex = options.evalex ?? false;
  const pinSecurity = options.pinSecurity ?? true;
  const trustedHosts = options.trustedHosts ?? DEFAULT_TRUSTED_HOSTS;
  const consolePath = options.consolePath ?? "/console";
  const showHiddenFrames = options.showHiddenFrames ?? false;
  // One per process (Werkzeug's SECRET): a page from another process cannot drive this one.
  const secret = randomBytes(20).toString("base64url");
  const store = new DebuggerStore();
  const pin: PinSetup | null = evalex && pinSecurity ? pinSetup(setup.appPath) : null;
  const attempts = pinAttempts();
  let note: string | undefined;

  if (evalex) {
    if (setup.announce && pin !== null) for (const line of pinBanner(pin)) log(line);
    const capture = startCapture();
    if (!capture.capturing) {
      note = capture.reason;
      log(` * Debugger: ${capture.reason}`);
    }
  }

  const pinRequired = () => pin !== null && pin.pin !== null;

  function cookieValue(at: number): string {
    const signature = createHmac("sha256", pin!.cookieKey)
      .update(`${at}|${normalisePin(pin!.pin!)}`)
      .digest("hex")
      .slice(0, 32);
    return `${at}|${signature}`;
  }

  /** true: unlocked; false: not; null: a cookie that does not verify (counts as a failure). */
  function pinTrusted(request: Request): boolean | null {
    if (!pinRequired()) return true;
    if (attempts.exhausted()) return false;
    const value = request.cookies.get(pin!.cookieName);
    if (value === undefined || !value.includes("|")) return false;
    const at = Number(value.slice(0, value.indexOf("|")));
    if (!Number.isSafeInteger(at) || !sameText(value, cookieValue(at))) return null;
    return Date.now() - at * 1000 <= PIN_TIME_MS;
  }

  function page(request: Request, error: unknown): Response {
    const errors = describeErrors(error);
    const trusted = requestHostTrusted(request, trustedHosts);
    const consoles = evalex && trusted;
    const consoleIds = consoles ? store.addTraceback(errors) : new Map();
    const format = preferredFormat(request);
    if (format === "json") return json(tracebackJson(errors), 500);
    if (format === "text") return new Response(tracebackText(errors), { status: 500, mimetype: "text/plain", headers: { "Cache-Control": "no-store" } });
    const html = tracebackHtml(
      errors,
      {
        evalex: consoles,
        secret: consoles ? secret : "",
        pinRequired: consoles && pinTrusted(request) !== true,
        consoleIds,
        note: consoles && consoleIds.size === 0 ? note : undefined,
      },
      showHiddenFrames,
    );
    return new Response(html, { status: 500, mimetype: "text/html", headers: PAGE_SECURITY_HEADERS });
  }

  function failed(error: unknown, request: Request): Response {
    // HTTP errors are answers, not bugs: wz renders them as usual.
    if (error instanceof HTTPException) throw error;
    logError(error, request);
    try {
      return page(request, error);
    } catch (pageError) {
      logError(pageError, request);
      return new Response("Internal Server Error: the debugger could not render the error (see the terminal)", { status: 500 });
    }
  }

  async function command(request: Request): Promise<Response> {
    const cmd = request.args.get("cmd");
    // The stylesheet and script hold nothing secret and style the page every host gets (as
    // Werkzeug serves its resources); everything else needs a trusted Host.
    if ((request.method === "GET" || request.method === "HEAD") && cmd === "resource") {
      const asset = ASSETS[request.args.get("f") ?? ""];
      if (asset === undefined) return json({ error: "no such debugger resource" }, 404);
      return new Response(asset.body, { mimetype: asset.type, headers: { "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" } });
    }
    if (!requestHostTrusted(request, trustedHosts)) return refuse(request, "this Host is not trusted by the debugger");
    if (request.method === "GET" || request.method === "HEAD") return json({ error: "debugger commands are POST requests" }, 405, { Allow: "POST" });
    if (request.method !== "POST") return json({ error: "debugger commands are POST requests" }, 405, { Allow: "GET, POST" });
    const crossSite = crossSiteReason(request);
    if (crossSite !== null) return json({ error: `cross-site request refused (${crossSite})` }, 403);
    request.maxContentLength = MAX_COMMAND_BYTES;
    const body = (await request.getJson({ silent: true })) as Record<string, unknown> | undefined;
    if (typeof body !== "object" || body === null) return json({ error: "a command is a JSON object (Content-Type: application/json)" }, 400);
    if (typeof body.s !== "string" || !sameText(body.s, secret)) return json({ error: "wrong or missing secret: reload the page" }, 403);
    if (!evalex) return json({ error: "the console is off (evalex)" }, 403);
    switch (body.cmd) {
      case "pinauth":
        return pinAuth(request, body.pin);
      case "printpin":
        if (pinRequired()) log([" * To enable the debugger you need to enter the security pin:", ` * Debugger pin code: ${pin!.pin}`].join("\n"));
        return json({ ok: true });
      case "eval":
        return evaluateCommand(request, body.console, body.code);
      default:
        return json({ error: "unknown command" }, 400);
    }
  }

  async function pinAuth(request: Request, entered: unknown): Promise<Response> {
    const trust = pinTrusted(request);
    let auth = false;
    let exhausted = false;
    let badCookie = false;
    if (trust === null) {
      // A forged or stale cookie costs an attempt, so guessing the cookie is no easier than the PIN.
      badCookie = true;
      await attempts.record(true);
    } else if (trust) {
      auth = true;
    } else if (attempts.exhausted()) {
      exhausted = true;
    } else if (typeof entered === "string" && sameText(normalisePin(entered), normalisePin(pin!.pin!))) {
      auth = true;
      await attempts.record(false);
    } else {
      await attempts.record(true);
      exhausted = attempts.exhausted();
    }
    const response = json({ auth, exhausted });
    if (auth && pinRequired()) {
      response.setCookie(pin!.cookieName, cookieValue(Math.floor(Date.now() / 1000)), {
        httpOnly: true,
        sameSite: "Strict",
        secure: request.isSecure,
        path: "/",
      });
    } else if (badCookie) {
      response.deleteCookie(pin!.cookieName, { path: "/" });
    }
    return response;
  }

  async function evaluateCommand(request: Request, consoleId: unknown, code: unknown): Promise<Response> {
    if (pinTrusted(request) !== true)
      return json({ error: attempts.exhausted() ? "locked: too many wrong PINs; restart the server" : "locked: enter the PIN first" }, 403);
    if (typeof consoleId !== "string" || typeof code !== "string") return json({ error: "eval needs console and code" }, 400);
    const entry = store.console(consoleId);
    if (entry === undefined) return json({ error: "this console is gone (the debugger keeps the last 50 tracebacks): reload the page" }, 404);
    return json(await evaluate(entry.target, code, EVALUATION_TIMEOUT_MS));
  }

  function standaloneConsole(request: Request): Response {
    if (!requestHostTrusted(request, trustedHosts)) return refuse(request, "this Host is not trusted by the debugger");
    const id = store.addStandaloneConsole({ app });
    const html = consolePageHtml({ evalex: true, secret, pinRequired: pinTrusted(request) !== true, consoleIds: new Map() }, id);
    return new Response(html, { status: 200, mimetype: "text/html", headers: PAGE_SECURITY_HEADERS });
  }

  return function debuggedApp(request: Request) {
    if (request.rawTarget.includes("__debugger__=") && request.args.get("__debugger__") === "yes") return command(request);
    if (evalex && request.path === consolePath) return standaloneConsole(request);
    let result: ReturnType<App>;
    try {
      result = app(request);
    } catch (error) {
      return failed(error, request);
    }
    if (result !== null && typeof result === "object" && typeof (result as PromiseLike<unknown>).then === "function") {
      return Promise.resolve(result).then(undefined, (error: unknown) => failed(error, request));
    }
    return result;
  };
}

/** HTML for browsers, JSON when preferred to HTML, plain text otherwise (curl's `*\/*`). */
function preferredFormat(request: Request): "html" | "json" | "text" {
  // Only types the client names count: `*/*` alone (curl) gets the plain text.
  const named = (request.headers.get("accept") ?? "").toLowerCase();
  const quality = (mimetype: string) => (named.includes(mimetype) ? request.acceptMimetypes.quality(mimetype) : 0);
  const html = quality("text/html");
  const json = quality("application/json");
  if (json > html) return "json";
  return html > 0 ? "html" : "text";
}

function json(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, mimetype: "application/json", headers: { "Cache-Control": "no-store", ...headers } });
}

function refuse(request: Request, reason: string): Response {
  return new SecurityError(`The debugger refused this request: ${reason}.`).getResponse(request);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
