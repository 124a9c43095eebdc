// The declaration API a routes file imports. The compiler reads these calls statically; at run
// time they only build plain descriptors, so a routes file is also valid, importable code.
import type { Converter } from "./converter.js";

/** A default value a rule provides for building (and, with redirectDefaults, for redirects). */
export type DefaultValue = string | number | boolean | null;

/** Map-wide options, resolved (every one set). `routes({ ... })` takes them all optional. */
export interface MapOptions {
  /** Redirect a branch URL (`/a/`) requested without its trailing slash. Default `true`. */
  strictSlashes: boolean;
  /** Collapse runs of `/` and redirect to the merged path. Default `true`. */
  mergeSlashes: boolean;
  /** Redirect to the rule that provides defaults for the matched values. Default `true`. */
  redirectDefaults: boolean;
  /** Match the whole host instead of the subdomain. Default `false`. */
  hostMatching: boolean;
  /** Subdomain that rules without one listen on. Default `""`. */
  defaultSubdomain: string;
  /** Sort query parameters when building URLs. Default `false`. */
  sortParameters: boolean;
}

/** Map-wide options; every one is optional and defaults to Werkzeug's. */
export interface RoutesOptions extends Partial<MapOptions> {
  /** Custom converters by the name used in rule strings (`<slug:name>`). */
  converters?: Record<string, Converter<any> | ConverterFactory>;
}

/** A converter that takes arguments in the rule string (`<range(1, 9):n>`). */
export type ConverterFactory = (...args: never[]) => Converter<any>;

/** Per-rule options (Werkzeug's `Rule` keyword arguments in camelCase). */
export interface RuleOptions {
  /** Name used to build URLs for the rule and to dispatch to its handler (null: none, as for a pure redirect). */
  endpoint?: string | null;
  /** HTTP methods; `GET` implies `HEAD`. Omitted means any method. */
  methods?: readonly string[];
  /** Values merged into the match result; also used to choose among rules when building. */
  defaults?: Readonly<Record<string, DefaultValue>>;
  /** Override the map's `strictSlashes` for this rule. */
  strictSlashes?: boolean;
  /** Override the map's `mergeSlashes` for this rule. */
  mergeSlashes?: boolean;
  /** Redirect target with `<name>` placeholders, joined onto the script root. */
  redirectTo?: string;
  /** Subdomain rule string (may hold converters, e.g. `<tenant>`). */
  subdomain?: string;
  /** Host rule string, used when the map has `hostMatching`. */
  host?: string;
  /** Redirect matches of this rule to the canonical rule of the same endpoint. */
  alias?: boolean;
  /** Never matched; only used to build URLs. */
  buildOnly?: boolean;
  /** Only match WebSocket requests (methods limited to GET, HEAD, OPTIONS). */
  websocket?: boolean;
}

export interface RuleDeclaration {
  readonly kind: "rule";
  readonly path: string;
  readonly options: RuleOptions;
}
export interface SubmountDeclaration {
  readonly kind: "submount";
  readonly path: string;
  readonly rules: readonly Declaration[];
}
export interface SubdomainDeclaration {
  readonly kind: "subdomain";
  readonly subdomain: string;
  readonly rules: readonly Declaration[];
}
export interface EndpointPrefixDeclaration {
  readonly kind: "endpointPrefix";
  readonly prefix: string;
  readonly rules: readonly Declaration[];
}
export type Declaration = RuleDeclaration | SubmountDeclaration | SubdomainDeclaration | EndpointPrefixDeclaration;

export interface RoutesDeclaration {
  readonly kind: "routes";
  readonly options: RoutesOptions;
  readonly rules: readonly Declaration[];
}

/** The default export of a routes file: map options and the rules, in order. */
export function routes(options: RoutesOptions, rules: readonly Declaration[]): RoutesDeclaration;
export function routes(rules: readonly Declaration[]): RoutesDeclaration;
export function routes(optionsOrRules: RoutesOptions | readonly Declaration[], rules?: readonly Declaration[]): RoutesDeclaration {
  if (Array.isArray(optionsOrRules)) return { kind: "routes", options: {}, rules: optionsOrRules };
  return { kind: "routes", options: optionsOrRules as RoutesOptions, rules: rules ?? [] };
}

/** One URL rule in Werkzeug's syntax: `/users/<int(min=1):id>`. */
export function rule(path: string, options: RuleOptions = {}): RuleDeclaration {
  return { kind: "rule", path, options };
}

/** Prefix the path of every rule inside with `path` (trailing slashes of `path` are dropped). */
export function submount(path: string, rules: readonly Declaration[]): SubmountDeclaration {
  return { kind: "submount", path, rules };
}

/** Put every rule inside on `subdomain` (a rule string, e.g. `<tenant>`). */
export function subdomain(subdomainRule: string, rules: readonly Declaration[]): SubdomainDeclaration {
  return { kind: "subdomain", subdomain: subdomainRule, rules };
}

/** Prefix the endpoint of every rule inside with `prefix`. */
export function endpointPrefix(prefix: string, rules: readonly Declaration[]): EndpointPrefixDeclaration {
  return { kind: "endpointPrefix", prefix, rules };
}
