// The run-time half of a compiled route map: `map.bind(...)` gives a MapAdapter whose `match`
// runs the generated decision tree and then applies Werkzeug's MapAdapter rules (slash and
// merge-slash redirects, 405/websocket outcomes, alias, redirect_defaults, redirect_to), and whose
// `build` chooses among an endpoint's rules as Werkzeug does.
import { BadRequest, BuildError, type HTTPException, MethodNotAllowed, NotFound, RequestRedirect, WebsocketMismatch } from "../exceptions.js";
import type { DefaultValue, MapOptions } from "./declare.js";
import { closeMatches, closest } from "../suggest.js";
import { INVALID, type RuntimeConverter } from "./converters.js";
import { encodeQuery, mergeSlashRuns, multiItems, pyStr, quotePath, urljoin } from "./url.js";
import { trimChars, trimEndChars } from "../text/trim.js";

/** A build step: literal (already percent-encoded) text, or a variable name. */
export type BuildOp = string | { v: string };

/**
 * A rule's options with the map's defaults applied: what the compiler's analysis and the
 * generated module's RuleInfo both carry (one field per `RuleOptions` entry, checked by
 * test/routing-options.test.ts).
 */
export interface ResolvedRuleOptions {
  /** The rule string as declared. */
  rule: string;
  endpoint: string | null;
  /** Upper-cased, `HEAD` added with `GET`, sorted; null = any method. */
  methods: readonly string[] | null;
  defaults: Readonly<Record<string, DefaultValue>> | null;
  strictSlashes: boolean;
  mergeSlashes: boolean;
  redirectTo: string | null;
  subdomain: string;
  host: string | null;
  alias: boolean;
  buildOnly: boolean;
  websocket: boolean;
}

/** What the generated module says about one rule. */
export interface RuleInfo extends ResolvedRuleOptions {
  /** Werkzeug's `Rule.arguments`: variable names and defaults keys. */
  arguments: readonly string[];
  /** Converter index (into `converters`) of each variable. */
  vars: Readonly<Record<string, number>>;
  domain: readonly BuildOp[];
  path: readonly BuildOp[];
  /** Rules with equal traces are equal for Werkzeug (`provides_defaults_for` skips them). */
  trace: string;
}

export type Params = Record<string, unknown>;

/** The generated module's matcher, called by the adapter. */
export interface CompiledRoutes {
  source: string;
  options: MapOptions;
  rules: readonly RuleInfo[];
  converters: readonly RuntimeConverter[];
  /** Number of value slots the deepest rule needs. */
  slots: number;
  /** Walks domain and path; returns a rule index, NO_RULE or SLASH_REQUIRED. Values go to `st`. */
  walk(st: MatchState, domain: string, path: string): number;
  /** Per rule: converts the walked values (null: a converter refused them) and merges defaults. */
  convert: ReadonlyArray<(st: MatchState, domain: string, path: string) => Params | null>;
}

export const NO_RULE = -1;
export const SLASH_REQUIRED = -2;

/** Scratch space of one match: reused, so a lookup allocates nothing but its result. */
export class MatchState {
  m = "GET";
  ws = false;
  /** Value slots: start and end offsets into the domain or the path. */
  v: Int32Array;
  /** Value slots filled by regex parts (multi-converter segments, custom converters). */
  s: string[] = [];
  /** Rules that fit but for the method (Werkzeug's have_match_for): the first `na` entries. */
  allowed: number[] = [];
  na = 0;
  wsMismatch = false;
  /**
   * Set by a generated walk that met no empty segment, final part or multi-segment text: merging
   * slashes cannot change its answer, so a miss needs no retry. Other walks leave it false.
   */
  noRetry = false;
  constructor(slots: number, rules: number) {
    this.v = new Int32Array(Math.max(2, slots * 2));
    // Preallocated and filled, so stores never grow an array (a growing store deoptimizes).
    this.s = new Array<string>(Math.max(1, slots)).fill("");
    this.allowed = new Array<number>(2 * rules + 2).fill(0);
  }
}

export interface MatchResult<E extends string = string, P = Params> {
  endpoint: E;
  params: P;
}

export interface MatchOptions {
  /** Match WebSocket rules (default: from the bound scheme, ws/wss). */
  websocket?: boolean;
  /** The request's query string, carried into redirect URLs. */
  queryString?: string;
}

/** `lookup`'s answer when the method does not fit: Werkzeug's MethodNotAllowed, as a value. */
export interface MethodNotAllowedOutcome {
  readonly status: 405;
  /** The methods the URL accepts, sorted (`HEAD` implied by `GET`): the `Allow` header. */
  readonly allowedMethods: readonly string[];
}

/** `lookup`'s answer for a slash, merge-slashes, alias, defaults or redirect_to redirect. */
export interface RedirectOutcome {
  readonly status: 308;
  /** Absolute URL, as Werkzeug's `RequestRedirect.new_url` (the query string carried over). */
  readonly location: string;
}

/** `lookup`'s answer when only a WebSocket rule (or only a plain one) fits: Werkzeug's WebsocketMismatch. */
export interface WebsocketMismatchOutcome {
  readonly status: 400;
}

export type LookupOutcome = MethodNotAllowedOutcome | RedirectOutcome | WebsocketMismatchOutcome;

/** A match, `null` for a 404, or another routing outcome; `lookup` never throws. */
export type LookupResult = MatchResult | LookupOutcome | null;

/** True when a lookup found an endpoint. */
export function isMatch(result: LookupResult): result is MatchResult {
  return result !== null && (result as Partial<LookupOutcome>).status === undefined;
}

function methodNotAllowed(allowedMethods: string[]): MethodNotAllowedOutcome {
  return Object.freeze({ status: 405 as const, allowedMethods: Object.freeze(allowedMethods) });
}

function redirectTo(location: string): RedirectOutcome {
  return { status: 308, location };
}

const WEBSOCKET_MISMATCH: WebsocketMismatchOutcome = Object.freeze({ status: 400 as const });
/** A 405 candidate whose rules allow no method at all (`methods: []`): a 404 after all. */
const NOT_FOUND_HERE = Object.freeze({ status: 404 as const });

/**
 * The method upper-cased. The usual names come back as the literals the generated matcher
 * compares with, so its `st.m === "GET"` tests are pointer compares; `toUpperCase` would make a
 * new string (and slower compares) for every request.
 */
function methodName(method: string): string {
  switch (method) {
    case "GET":
      return "GET";
    case "POST":
      return "POST";
    case "HEAD":
      return "HEAD";
    case "PUT":
      return "PUT";
    case "DELETE":
      return "DELETE";
    case "PATCH":
      return "PATCH";
    case "OPTIONS":
      return "OPTIONS";
  }
  return method.toUpperCase();
}

const queryOf = (adapter: MapAdapter, options: MatchOptions | undefined): string => options?.queryString ?? adapter.queryString;

/** @internal The exception `match` throws for a lookup that found no endpoint. */
export function routingException(outcome: LookupOutcome | null): HTTPException {
  const limit = Error.stackTraceLimit;
  // Routing errors are control flow: a stack trace costs ~3 us per miss and says nothing useful.
  Error.stackTraceLimit = 0;
  try {
    if (outcome === null) return new NotFound();
    if (outcome.status === 405) return new MethodNotAllowed(outcome.allowedMethods);
    if (outcome.status === 308) return new RequestRedirect(outcome.location);
    return new WebsocketMismatch();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export interface BindOptions {
  scriptName?: string;
  subdomain?: string;
  urlScheme?: string;
  defaultMethod?: string;
  pathInfo?: string;
  queryString?: string;
}

export interface BuildOptions {
  method?: string;
  forceExternal?: boolean;
  appendUnknown?: boolean;
  urlScheme?: string;
  /** Fragment appended after `#` (percent-encoded as Flask's `_anchor`). */
  anchor?: string;
}

/** The parts of a wz Request that binding reads. */
export interface RequestLike {
  host: string;
  scheme: string;
  method: string;
  path?: string;
  rootPath?: string;
  scriptRoot?: string;
  queryString?: string;
  headers?: { get(name: string): string | undefined | null };
}

/** The request's scheme, as ws/wss for a WebSocket upgrade (Werkzeug's `bind_to_environ`). */
export function requestScheme(request: RequestLike): string {
  const scheme = request.scheme;
  const connection = request.headers?.get("connection");
  if (!connection) return scheme;
  const upgrade = request.headers?.get("upgrade") ?? "";
  if (
    connection
      .toLowerCase()
      .split(",")
      .some((v) => v.trim() === "upgrade") &&
    upgrade.toLowerCase() === "websocket"
  ) {
    return scheme === "https" ? "wss" : "ws";
  }
  return scheme;
}

/** Python's `==` between a default and a given value (1 == 1.0 == True; "1" != 1). */
function pyEquals(a: unknown, b: unknown): boolean {
  const numeric = (x: unknown) => typeof x === "number" || typeof x === "boolean" || typeof x === "bigint";
  if (numeric(a) && numeric(b)) return Number(a) === Number(b) || (typeof a === "bigint" && typeof b === "bigint" && a === b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  return a === b || (a == null && b == null);
}

const has = (values: object, key: string) => Object.hasOwn(values, key);

/** `values[key] = value` as plain data: a variable may be named `__proto__`, which `=` would take as the prototype. */
function setValue(values: Params, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(values, key, { value, writable: true, enumerable: true, configurable: true });
  else values[key] = value;
}

export class RouteMap {
  readonly options: MapOptions;
  private readonly state: MatchState;
  /** Rules per endpoint in Werkzeug's build order (non-alias, more arguments, more defaults, insertion). */
  private readonly byEndpoint = new Map<string | null, RuleInfo[]>();
  private readonly plain: boolean[];
  /** Per rule: its convert function and endpoint, read by index on the hot path. */
  private readonly convert: CompiledRoutes["convert"];
  private readonly endpointOf: string[];

  constructor(readonly compiled: CompiledRoutes) {
    this.options = compiled.options;
    this.state = new MatchState(compiled.slots, compiled.rules.length);
    this.methodOutcomes = new Array(compiled.rules.length).fill(undefined);
    this.convert = compiled.convert;
    this.endpointOf = compiled.rules.map((rule) => rule.endpoint as string);
    const key = (r: RuleInfo) => [r.alias ? 1 : 0, -r.arguments.length, -Object.keys(r.defaults ?? {}).length];
    for (const rule of compiled.rules) {
      const list = this.byEndpoint.get(rule.endpoint) ?? [];
      list.push(rule);
      this.byEndpoint.set(rule.endpoint, list);
    }
    for (const list of this.byEndpoint.values()) {
      list.sort((a, b) => {
        const ka = key(a),
          kb = key(b);
        return ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
      });
    }
    // A match of a "plain" rule needs no redirect checks: no alias, no redirectTo, and no rule
    // of its endpoint that could provide defaults for it.
    this.plain = compiled.rules.map((rule) => {
      if (rule.alias || rule.redirectTo !== null) return false;
      if (!this.options.redirectDefaults) return true;
      return !(this.byEndpoint.get(rule.endpoint) ?? []).some((r) => r !== rule && r.defaults && !r.buildOnly);
    });
  }

  /** All endpoints, in declaration order. */
  get endpoints(): string[] {
    return [...this.byEndpoint.keys()].filter((e): e is string => e !== null);
  }

  /** An adapter for one server name (Werkzeug's `Map.bind`). */
  bind(serverName: string, options: BindOptions = {}): MapAdapter {
    let subdomain = options.subdomain;
    if (this.options.hostMatching) {
      if (subdomain !== undefined && subdomain !== null) throw new Error("wz: host matching is enabled and a subdomain was provided");
    } else if (subdomain === undefined || subdomain === null) {
      subdomain = this.options.defaultSubdomain;
    }
    return new MapAdapter(
      this,
      normaliseServerName(serverName),
      options.scriptName ?? "/",
      subdomain ?? null,
      options.urlScheme ?? "http",
      options.defaultMethod ?? "GET",
      options.pathInfo ?? "/",
      options.queryString ?? "",
    );
  }

  /**
   * An adapter for a request (Werkzeug's `bind_to_environ`): server name and scheme from the
   * request, the subdomain worked out against `serverName` when given, WebSocket upgrades
   * matched as ws/wss.
   */
  bindToRequest(request: RequestLike, options: { serverName?: string; subdomain?: string } = {}): MapAdapter {
    const requestHost = request.host.toLowerCase();
    const scheme = requestScheme(request);
    let serverName = requestHost;
    if (options.serverName !== undefined) {
      serverName = options.serverName.toLowerCase();
      if ((scheme === "http" || scheme === "ws") && serverName.endsWith(":80")) serverName = serverName.slice(0, -3);
      else if ((scheme === "https" || scheme === "wss") && serverName.endsWith(":443")) serverName = serverName.slice(0, -4);
    }
    let subdomain = options.subdomain;
    if (subdomain === undefined && !this.options.hostMatching) {
      const current = requestHost.split(".");
      const real = serverName.split(".");
      const tail = current.slice(current.length - real.length);
      subdomain =
        tail.length === real.length && tail.every((p, i) => p === real[i])
          ? current
              .slice(0, current.length - real.length)
              .filter(Boolean)
              .join(".")
          : "<invalid>"; // accessed by another name (an IP address...): no rule matches, a 404
    }
    return this.bind(serverName, {
      scriptName: request.rootPath ?? request.scriptRoot ?? "/",
      subdomain,
      urlScheme: scheme,
      defaultMethod: request.method,
      pathInfo: request.path ?? "/",
      queryString: request.queryString ?? "",
    });
  }

  /**
   * @internal The whole match as a value: Werkzeug's StateMachineMatcher plus MapAdapter's
   * redirects, with no exception on any outcome. Allocates only the result (405 outcomes are
   * shared per set of rules; the 400 outcome is one constant).
   */
  lookupAt(adapter: MapAdapter, path: string, method: string, websocket: boolean, options: MatchOptions | undefined): LookupResult {
    const st = this.state;
    st.m = method;
    st.ws = websocket;
    st.na = 0; // a count, not allowed.length = 0: setting an array's length is a runtime call
    st.wsMismatch = false;
    st.noRetry = false;
    const domain = adapter.domainPart;
    const found = this.compiled.walk(st, domain, path);
    if (found >= 0) {
      const params = this.convert[found]!(st, domain, path);
      // The common case inline; redirects and refusals in methods of their own, so this one
      // stays small enough to be inlined into `lookup`.
      if (params !== null && this.plain[found]) return { endpoint: this.endpointOf[found]!, params };
      return this.matched(adapter, found, params, method, options);
    }
    if (found === NO_RULE && (st.noRetry || !this.options.mergeSlashes)) return this.noMatch(st);
    return this.missed(adapter, found, path, options);
  }

  /** A rule was walked to but is not plain, or its converters refused the values. */
  private matched(adapter: MapAdapter, found: number, params: Params | null, method: string, options: MatchOptions | undefined): LookupResult {
    if (params === null) return this.noMatch(this.state);
    const rule = this.compiled.rules[found]!;
    if (!this.plain[found]) {
      const redirect = this.redirects(adapter, rule, params, method, options);
      if (redirect !== null) return redirect;
    }
    return { endpoint: rule.endpoint as string, params };
  }

  /** A strict-slash redirect, or a miss the merge-slashes retry may turn into a redirect. */
  private missed(adapter: MapAdapter, found: number, path: string, options: MatchOptions | undefined): LookupResult {
    const st = this.state;
    const compiled = this.compiled;
    if (found === SLASH_REQUIRED) return redirectTo(adapter.redirectUrl(quotePath(path + "/"), queryOf(adapter, options)));
    const doubled = path.indexOf("//");
    if (doubled !== -1) {
      const merged = mergeSlashRuns(path, doubled);
      found = compiled.walk(st, adapter.domainPart, merged);
      if (found === SLASH_REQUIRED) return redirectTo(adapter.redirectUrl(quotePath(merged + "/"), queryOf(adapter, options)));
      if (found >= 0 && compiled.rules[found]!.mergeSlashes) return redirectTo(adapter.redirectUrl(quotePath(merged), queryOf(adapter, options)));
    }
    return this.noMatch(st);
  }

  /** Werkzeug's NoMatch: a 405 when a rule fitted but for the method, a 400 on a websocket mismatch, else a 404. */
  private noMatch(st: MatchState): LookupResult {
    const na = st.na;
    if (na !== 0) {
      const outcome = this.methodOutcome(st);
      if (outcome !== NOT_FOUND_HERE) return outcome as MethodNotAllowedOutcome;
    }
    return st.wsMismatch ? WEBSOCKET_MISMATCH : null;
  }
  /**
   * 405 outcomes, shared and found without allocating: by the first rule the walk recorded, then
   * by comparing the rest of its list (nothing to compare for one rule, the usual 405). Made on
   * first use.
   */
  private readonly methodOutcomes: Array<Array<{ rules: number[]; outcome: MethodNotAllowedOutcome | typeof NOT_FOUND_HERE }> | undefined>;

  private methodOutcome(st: MatchState): MethodNotAllowedOutcome | typeof NOT_FOUND_HERE {
    const allowed = st.allowed,
      na = st.na;
    const entries = (this.methodOutcomes[allowed[0]!] ??= []);
    for (let e = 0; e < entries.length; e++) {
      const rules = entries[e]!.rules;
      if (rules.length !== na) continue;
      let k = 1;
      while (k < na && rules[k] === allowed[k]) k++;
      if (k === na) return entries[e]!.outcome;
    }
    const outcome = this.outcomeFor(allowed, na);
    entries.push({ rules: allowed.slice(0, na), outcome });
    return outcome;
  }

  private outcomeFor(allowed: readonly number[], na: number): MethodNotAllowedOutcome | typeof NOT_FOUND_HERE {
    const methods = new Set<string>();
    for (let k = 0; k < na; k++) for (const m of this.compiled.rules[allowed[k]!]!.methods ?? []) methods.add(m);
    // A rule with `methods: []` fits no method and, as in Werkzeug, adds nothing to a 405.
    return methods.size ? methodNotAllowed([...methods].sort()) : NOT_FOUND_HERE;
  }

  /** Alias, redirect_defaults and redirect_to redirects of a matched rule (null: none applies). */
  private redirects(adapter: MapAdapter, rule: RuleInfo, params: Params, method: string, options: MatchOptions | undefined): RedirectOutcome | null {
    if (rule.alias && this.options.redirectDefaults) {
      let url = adapter.build(rule.endpoint as string, params, { method, appendUnknown: false, forceExternal: true });
      const query = queryOf(adapter, options);
      if (query) url += "?" + query;
      return redirectTo(url);
    }
    if (this.options.redirectDefaults) {
      for (const other of this.byEndpoint.get(rule.endpoint) ?? []) {
        if (other === rule) break;
        if (providesDefaultsFor(other, rule) && suitableFor(other, params, method)) {
          for (const key of Object.keys(other.defaults!)) setValue(params, key, other.defaults![key]);
          const built = this.buildRule(other, params, true);
          if (built) return redirectTo(adapter.makeRedirectUrl(built[1], queryOf(adapter, options), built[0]));
        }
      }
    }
    if (rule.redirectTo !== null) {
      const target = rule.redirectTo.replace(/<([^>]+)>/g, (_, name: string) => {
        const converted = this.compiled.converters[rule.vars[name]!]!.toUrl(params[name]);
        return converted === INVALID ? "" : converted;
      });
      const netloc = adapter.subdomain ? `${adapter.subdomain}.${adapter.serverName}` : adapter.serverName;
      return redirectTo(urljoin(`${adapter.urlScheme || "http"}://${netloc}${adapter.scriptName}`, target));
    }
    return null;
  }

  /** Werkzeug's `Rule.build`: [domain, path(+query)], or null when a converter refuses a value. */
  buildRule(rule: RuleInfo, values: Params, appendUnknown: boolean): [string, string] | null {
    const domain = this.buildOps(rule, rule.domain, values);
    if (domain === null) return null;
    let path = this.buildOps(rule, rule.path, values);
    if (path === null) return null;
    if (appendUnknown) {
      const unknown: Params = {};
      let any = false;
      for (const key of Object.keys(values)) {
        if (has(rule.vars, key) || (rule.defaults && has(rule.defaults, key))) continue;
        setValue(unknown, key, values[key]);
        any = true;
      }
      if (any) {
        let pairs = [...multiItems(unknown)];
        if (this.options.sortParameters) pairs = pairs.sort(comparePairs);
        const query = encodeQuery(pairs);
        if (query) path += "?" + query;
      }
    }
    return [domain, path];
  }

  private buildOps(rule: RuleInfo, ops: readonly BuildOp[], values: Params): string | null {
    let out = "";
    for (const op of ops) {
      if (typeof op === "string") {
        out += op;
        continue;
      }
      const name = op.v;
      const converter = this.compiled.converters[rule.vars[name]!]!;
      const value = rule.defaults && has(rule.defaults, name) ? rule.defaults[name] : values[name];
      const text = converter.toUrl(value);
      if (text === INVALID) return null;
      out += text;
    }
    return out;
  }

  /** @internal Werkzeug's `_partial_build`. */
  partialBuild(adapter: MapAdapter, endpoint: string, values: Params, method: string | undefined, appendUnknown: boolean): [string, string, boolean] | null {
    if (method === undefined) {
      const found = this.partialBuild(adapter, endpoint, values, adapter.defaultMethod, appendUnknown);
      if (found) return found;
    }
    let first: [string, string, boolean] | null = null;
    for (const rule of this.byEndpoint.get(endpoint) ?? []) {
      if (!suitableFor(rule, values, method)) continue;
      const built = this.buildRule(rule, values, appendUnknown);
      if (!built) continue;
      const result: [string, string, boolean] = [built[0], built[1], rule.websocket];
      if (!this.options.hostMatching) return result;
      if (result[0] === adapter.serverName) return result;
      first ??= result;
    }
    return first;
  }

  /** @internal Explains a failed build: the reason and close matches. */
  explainBuild(endpoint: string, values: Params, method: string | undefined): { reason: string; suggestions: string[] } {
    const rules = this.byEndpoint.get(endpoint);
    if (!rules) {
      const suggestions = closeMatches(endpoint, this.endpoints);
      return { reason: `unknown endpoint${suggestions.length ? ` — did you mean "${suggestions[0]}"?` : ""}`, suggestions };
    }
    const reasons = new Set<string>();
    for (const rule of rules) {
      if (method !== undefined && rule.methods && !rule.methods.includes(method)) {
        reasons.add(`'${rule.rule}' does not allow ${method} (allows ${rule.methods.join(", ")})`);
        continue;
      }
      const missing = rule.arguments.filter((k) => !(rule.defaults && has(rule.defaults, k)) && !has(values, k));
      if (missing.length) {
        const given = Object.keys(values);
        const hints = missing.map((m) => {
          const near = closest(
            m,
            given.filter((g) => !rule.arguments.includes(g)),
          );
          return near ? `"${m}" (did you mean to pass "${near}" as "${m}"?)` : `"${m}"`;
        });
        reasons.add(`missing ${hints.join(", ")}`);
        continue;
      }
      const clash = Object.keys(rule.defaults ?? {}).find((k) => has(values, k) && !pyEquals(rule.defaults![k], values[k]));
      if (clash) reasons.add(`"${clash}" must equal the rule's default ${JSON.stringify(rule.defaults![clash])}`);
      else reasons.add("a converter refused a value");
    }
    return { reason: [...reasons].join("; "), suggestions: [] };
  }
}

function comparePairs(a: [string, unknown], b: [string, unknown]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  const x = pyStr(a[1]),
    y = pyStr(b[1]);
  return x < y ? -1 : x > y ? 1 : 0;
}

function providesDefaultsFor(self: RuleInfo, rule: RuleInfo): boolean {
  return (
    !self.buildOnly &&
    !!self.defaults &&
    Object.keys(self.defaults).length > 0 &&
    self.endpoint === rule.endpoint &&
    self.trace !== rule.trace &&
    self.arguments.length === rule.arguments.length &&
    self.arguments.every((a) => rule.arguments.includes(a))
  );
}

function suitableFor(rule: RuleInfo, values: Params, method: string | undefined): boolean {
  if (method !== undefined && rule.methods && !rule.methods.includes(method)) return false;
  const defaults = rule.defaults;
  for (const key of rule.arguments) {
    if (!(defaults && has(defaults, key)) && !has(values, key)) return false;
  }
  if (defaults) {
    for (const key of Object.keys(defaults)) {
      if (has(values, key) && !pyEquals(defaults[key], values[key])) return false;
    }
  }
  return true;
}

/** Lower-cases and IDNA-encodes the host part, keeping a port (Werkzeug's `Map.bind`). */
function normaliseServerName(serverName: string): string {
  const lower = serverName.toLowerCase();
  const colon = lower.indexOf(":");
  const host = colon === -1 ? lower : lower.slice(0, colon);
  const port = colon === -1 ? "" : lower.slice(colon);
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(host) ? host : domainToAscii(host);
  const labels = ascii.split(".");
  // Python's idna codec refuses empty labels (but a trailing dot) and labels over 63 characters.
  if (host && (!ascii || labels.some((label, i) => label.length > 63 || (label === "" && i !== labels.length - 1)))) {
    throw new BadRequest(`wz: bad host name ${JSON.stringify(serverName)}`);
  }
  return ascii + port;
}

function domainToAscii(host: string): string {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return "";
  }
}

export class MapAdapter {
  readonly websocket: boolean;
  /** What the first part of a rule is matched against: the subdomain, or the host. */
  readonly domainPart: string;

  constructor(
    readonly map: RouteMap,
    readonly serverName: string,
    scriptName: string,
    readonly subdomain: string | null,
    readonly urlScheme: string,
    readonly defaultMethod: string,
    readonly pathInfo: string,
    readonly queryString: string,
  ) {
    this.scriptName = scriptName.endsWith("/") ? scriptName : scriptName + "/";
    this.websocket = urlScheme === "ws" || urlScheme === "wss";
    this.domainPart = !map.options.hostMatching && subdomain !== null ? subdomain : serverName;
    this.scriptPrefix = trimEndChars(this.scriptName, "/");
    this.plainBuild = !map.options.hostMatching && subdomain === map.options.defaultSubdomain;
  }
  readonly scriptName: string;
  /** The script root without its trailing slash: what relative URLs start with. */
  readonly scriptPrefix: string;
  /** URLs of rules on the default subdomain come out relative (generated fast builders apply). */
  readonly plainBuild: boolean;

  /**
   * Matches a path (decoded, as Werkzeug's PATH_INFO) and method. Returns `{ endpoint, params }`;
   * throws NotFound, MethodNotAllowed, RequestRedirect or WebsocketMismatch.
   */
  match(path?: string, method?: string, options?: MatchOptions): MatchResult {
    const result = this.lookup(path, method, options);
    if (result !== null && (result as Partial<LookupOutcome>).status === undefined) return result as MatchResult;
    throw routingException(result as LookupOutcome | null);
  }

  /** As `match`, but a miss returns null instead of throwing NotFound (no exception cost). */
  tryMatch(path?: string, method?: string, options?: MatchOptions): MatchResult | null {
    const result = this.lookup(path, method, options);
    if (result === null || (result as Partial<LookupOutcome>).status === undefined) return result as MatchResult | null;
    throw routingException(result as LookupOutcome);
  }

  /**
   * As `match`, but every outcome is a value and nothing is thrown: `{ endpoint, params }`, `null`
   * (404), `{ status: 405, allowedMethods }`, `{ status: 308, location }` or `{ status: 400 }`.
   */
  lookup(path?: string, method?: string, options?: MatchOptions): LookupResult {
    const raw = path ?? this.pathInfo;
    // Werkzeug: f"/{path_info.lstrip('/')}" if path_info else ""
    const normalised = raw.charCodeAt(0) === 47 && (raw.length === 1 || raw.charCodeAt(1) !== 47) ? raw : raw === "" ? "" : "/" + raw.replace(/^\/+/, "");
    const websocket = options === undefined ? this.websocket : (options.websocket ?? this.websocket);
    return this.map.lookupAt(this, normalised, methodName(method || this.defaultMethod), websocket, options);
  }

  /** Builds a URL for an endpoint (Werkzeug's `MapAdapter.build`). Unknown values become the query string. */
  build(endpoint: string, values?: Params | null, options: BuildOptions = {}): string {
    const given: Params = {};
    if (values) for (const key of Object.keys(values)) if (values[key] !== null && values[key] !== undefined) setValue(given, key, values[key]);
    const found = this.map.partialBuild(this, endpoint, given, options.method, options.appendUnknown ?? true);
    if (!found) {
      const { reason, suggestions } = this.map.explainBuild(endpoint, given, options.method);
      throw new BuildError(endpoint, given, options.method, reason, suggestions);
    }
    const [domainPart, path, websocket] = found;
    const host = this.hostFor(domainPart);
    let scheme = options.urlScheme ?? this.urlScheme;
    let external = options.forceExternal ?? false;
    const secure = scheme === "https" || scheme === "wss";
    if (websocket) {
      external = true;
      scheme = secure ? "wss" : "ws";
    } else if (scheme) {
      scheme = secure ? "https" : "http";
    }
    const anchor = options.anchor !== undefined ? "#" + quotePath(options.anchor) : "";
    const tail = path.replace(/^\/+/, "");
    if (!external && ((this.map.options.hostMatching && host === this.serverName) || (!this.map.options.hostMatching && domainPart === this.subdomain))) {
      return `${trimEndChars(this.scriptName, "/")}/${tail}${anchor}`;
    }
    return `${scheme ? scheme + ":" : ""}//${host}${this.scriptName.slice(0, -1)}/${tail}${anchor}`;
  }

  /** Werkzeug's `get_host`. */
  hostFor(domainPart: string | null | undefined): string {
    if (this.map.options.hostMatching) return domainPart ?? this.serverName;
    const subdomain = domainPart ?? this.subdomain;
    return subdomain ? `${subdomain}.${this.serverName}` : this.serverName;
  }

  /** `makeRedirectUrl` on this adapter's own host, with the scheme, host and script root joined once. */
  redirectUrl(pathInfo: string, query: string): string {
    let start = 0;
    while (pathInfo.charCodeAt(start) === 47) start++;
    this.redirectBase ??= this.makeRedirectUrl("", "");
    return this.redirectBase + (start ? pathInfo.slice(start) : pathInfo) + (query ? "?" + query : "");
  }
  private redirectBase: string | undefined;

  /** Werkzeug's `make_redirect_url`: an absolute URL for a path on this host. */
  makeRedirectUrl(pathInfo: string, query: string, domainPart?: string): string {
    const scheme = this.urlScheme || "http";
    const host = this.hostFor(domainPart);
    let path = trimChars(this.scriptName, "/") + "/" + pathInfo.replace(/^\/+/, "");
    if (!path.startsWith("/")) path = "/" + path;
    return `${scheme}://${host}${path}${query ? "?" + query : ""}`;
  }
}

export function createRouteMap(compiled: CompiledRoutes): RouteMap {
  return new RouteMap(compiled);
}
