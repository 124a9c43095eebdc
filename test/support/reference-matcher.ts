// A reference matcher for differential tests: Werkzeug 3.1's StateMachineMatcher written the
// obvious way, from the rule strings up. It has its own rule-string parser, its own weights and
// ordering, its own converters (Python regexes translated to JS RegExps, Python's `int()` and
// `float()`), and a recursive walk with backtracking over `path.split("/")`. It imports nothing
// from compiler/ and no converter or ordering code from the runtime, so a fault in the analysis
// (weights, parts, converter regexes) shows up as a disagreement, not as the same wrong answer
// twice. Only the type of the adapter's plug (`CompiledRoutes`) is shared: redirects, 405 lists
// and defaults redirects are the run-time map's work, which both matchers sit behind.
import type { CompiledRoutes, MatchState, Params } from "wz/routing";

/** One flat rule, as Werkzeug's `Rule` holds it after `Map.add` (factories already applied). */
export interface ReferenceRule {
  rule: string;
  endpoint: string;
  methods?: readonly string[] | null;
  websocket?: boolean;
  strictSlashes?: boolean;
  mergeSlashes?: boolean;
  defaults?: Record<string, unknown> | null;
  subdomain?: string;
  host?: string;
  buildOnly?: boolean;
}

export interface ReferenceMapOptions {
  strictSlashes: boolean;
  mergeSlashes: boolean;
  hostMatching: boolean;
  defaultSubdomain: string;
}

/** Werkzeug's `Weighting` tuple; compared as Python compares tuples and lists. */
type Weighting = [number, Array<[number, number]>, number, number[]];

interface Part {
  content: string; // static text, or a JS regex source for dynamic parts
  static: boolean;
  final: boolean;
  suffixed: boolean;
  weight: Weighting;
  converters: number; // converter groups in this part
}

interface Converter {
  regex: string; // JS source, `u` flag
  partIsolating: boolean;
  weight: number;
  toPython(raw: string): unknown; // throws Invalid for ValidationError
}

class Invalid extends Error {}
class SlashRequired extends Error {}

interface Compiled {
  index: number;
  source: ReferenceRule;
  methods: Set<string> | null;
  websocket: boolean;
  strictSlashes: boolean;
  mergeSlashes: boolean;
  parts: Part[];
  variables: Array<{ name: string; converter: Converter }>;
}

interface State {
  static: Map<string, State>;
  dynamic: Array<{ part: Part; key: string; regex: RegExp; state: State }>;
  rules: Compiled[];
}

const newState = (): State => ({ static: new Map(), dynamic: [], rules: [] });

// --- Python's numbers --------------------------------------------------------------------------

const DIGIT = /^\p{Nd}$/u;

/** The value of a Unicode decimal digit: Nd characters come in runs of ten starting at zero. */
function digitOf(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let start = cp;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

const toAscii = (text: string) => [...text].map((ch) => (DIGIT.test(ch) ? String(digitOf(ch)) : ch)).join("");

/** Python's int() of a `-?\d+` match, as wz represents it: a number, or a bigint past 2^53. */
function pyInt(text: string): number | bigint {
  const big = BigInt(toAscii(text));
  if (big === 0n) return 0;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

const pyFloat = (text: string): number => Number(toAscii(text));

// --- Converters (werkzeug/routing/converters.py) -----------------------------------------------

// Only syntax characters may be escaped in a `u` RegExp.
const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
const codePoints = (text: string) => [...text].length;

function numberConverter(
  regex: string,
  convert: (raw: string) => number | bigint,
  options: { fixed_digits?: unknown; min?: unknown; max?: unknown; signed?: unknown },
): Converter {
  const fixed = Number(options.fixed_digits ?? 0);
  const min = options.min ?? null,
    max = options.max ?? null;
  return {
    regex: options.signed ? `-?${regex}` : regex,
    partIsolating: true,
    weight: 50,
    toPython(raw) {
      if (fixed && codePoints(raw) !== fixed) throw new Invalid();
      const value = convert(raw);
      if ((min !== null && value < (min as number)) || (max !== null && value > (max as number))) throw new Invalid();
      return value;
    },
  };
}

function makeConverter(name: string, args: unknown[], kwargs: Record<string, unknown>): Converter {
  const identity = (raw: string) => raw;
  switch (name) {
    case "default":
    case "string": {
      const [minlength = kwargs.minlength ?? 1, maxlength = kwargs.maxlength ?? null, length = kwargs.length ?? null] = args;
      const quantifier = length !== null ? `{${Number(length)}}` : `{${Number(minlength)},${maxlength === null ? "" : Number(maxlength)}}`;
      return { regex: `[^/]${quantifier}`, partIsolating: true, weight: 100, toPython: identity };
    }
    case "any":
      return { regex: `(?:${args.map((a) => escapeRegex(String(a))).join("|")})`, partIsolating: true, weight: 100, toPython: identity };
    case "path":
      // Python's `.` stops only at "\n"; JS's also at "\r", U+2028 and U+2029.
      return { regex: "[^/][^\\n]*?", partIsolating: false, weight: 200, toPython: identity };
    case "int":
      return numberConverter("\\p{Nd}+", pyInt, { ...positional(args, ["fixed_digits", "min", "max", "signed"]), ...kwargs });
    case "float":
      return numberConverter("\\p{Nd}+\\.\\p{Nd}+", pyFloat, { ...positional(args, ["min", "max", "signed"]), ...kwargs });
    case "uuid":
      return {
        regex: "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}",
        partIsolating: true,
        weight: 100,
        toPython: (raw) => raw.toLowerCase(), // str(uuid.UUID(raw))
      };
  }
  throw new Error(`reference matcher: no converter ${name}`);
}

const positional = (args: unknown[], names: string[]) => Object.fromEntries(args.map((a, k) => [names[k]!, a]));

/** werkzeug.routing.rules.parse_converter_args, for the argument shapes the tests write. */
function parseArguments(text: string): [unknown[], Record<string, unknown>] {
  const args: unknown[] = [];
  const kwargs: Record<string, unknown> = {};
  const item = /\s*(?:(\w+)\s*=\s*)?(True|False|\d+\.\d+|\d+\.|\d+|[\w.]+|[urUR]?("[^"]*?"|'[^']*'))\s*,/y;
  const all = text + ",";
  for (let at = 0; at < all.length; ) {
    item.lastIndex = at;
    const m = item.exec(all);
    if (!m) throw new Error(`reference matcher: cannot parse converter arguments ${text}`);
    const raw = m[3] ?? m[2]!;
    const value =
      raw === "True"
        ? true
        : raw === "False"
          ? false
          : raw === "None"
            ? null
            : /^\d+$/.test(raw)
              ? Number(raw)
              : /^\d+\.\d*$/.test(raw)
                ? Number(raw)
                : /^["'].*["']$/s.test(raw)
                  ? raw.slice(1, -1)
                  : raw;
    if (m[1]) kwargs[m[1]] = value;
    else args.push(value);
    at = item.lastIndex;
  }
  return [args, kwargs];
}

// --- Rules into parts (Rule._parse_rule) --------------------------------------------------------

const TOKEN = /(\/)|([^</]+)|<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\((.*?)\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/y;

function parseRule(text: string, variables: Compiled["variables"]): Part[] {
  const parts: Part[] = [];
  let content = "",
    isStatic = true,
    final = false,
    converters = 0;
  let staticWeights: Array<[number, number]> = [],
    argumentWeights: number[] = [];
  const weight = (): Weighting => [-staticWeights.length, staticWeights, -argumentWeights.length, argumentWeights];
  const flush = (suffixed: boolean) => {
    parts.push({ content: isStatic ? content : content + "$", static: isStatic, final, suffixed, weight: weight(), converters });
    content = "";
    isStatic = true;
    final = false;
    converters = 0;
    staticWeights = [];
    argumentWeights = [];
  };
  for (let at = 0; at < text.length; ) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`reference matcher: malformed rule ${text}`);
    at = TOKEN.lastIndex;
    const [, slash, staticText, converterName, argumentText, variable] = m;
    if (staticText !== undefined) {
      staticWeights.push([staticWeights.length, -staticText.length]);
      content += isStatic ? staticText : escapeRegex(staticText);
    } else if (variable !== undefined) {
      if (isStatic) content = escapeRegex(content);
      isStatic = false;
      const [args, kwargs] = argumentText ? parseArguments(argumentText) : [[], {}];
      const converter = makeConverter(converterName ?? "default", args, kwargs);
      variables.push({ name: variable, converter });
      if (!converter.partIsolating) final = true;
      content += `(${converter.regex})`;
      converters++;
      argumentWeights.push(converter.weight);
    } else if (slash !== undefined) {
      if (final) content += "/";
      else flush(false);
    }
  }
  if (final && content.endsWith("/")) {
    content = content.slice(0, -1) + "(?<!/)(/?)";
    const w = weight();
    flush(true);
    parts.push({ content: "", static: true, final: false, suffixed: false, weight: w, converters: 0 });
  } else {
    flush(false);
  }
  return parts;
}

// Python compares the weight tuples, and the lists inside them, element by element.
function compare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
      const c = compare(a[k], b[k]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  return (a as number) - (b as number);
}

// --- The matcher ------------------------------------------------------------------------------

/** What one walk found: a rule and its raw values, a strict-slash redirect, or nothing. */
export type WalkOutcome =
  | { kind: "rule"; rule: number; values: string[]; methodRules: number[]; websocketMismatch: boolean }
  | { kind: "slash" }
  | { kind: "none"; methodRules: number[]; websocketMismatch: boolean };

export type ReferenceOutcome =
  | { kind: "rule"; rule: number; params: Params }
  | { kind: "slash"; path: string } // SlashRequired: redirect to path + "/"
  | { kind: "merged"; path: string } // found only with slashes merged: redirect there
  | { kind: "none"; methodRules: number[]; websocketMismatch: boolean };

export class ReferenceMatcher {
  private readonly root = newState();
  readonly rules: Compiled[];

  constructor(
    rules: readonly ReferenceRule[],
    private readonly options: ReferenceMapOptions,
  ) {
    this.rules = rules.map((source, index) => {
      const variables: Compiled["variables"] = [];
      const domainRule = options.hostMatching ? (source.host ?? "") : (source.subdomain ?? options.defaultSubdomain);
      const mergeSlashes = source.mergeSlashes ?? options.mergeSlashes;
      const parts =
        domainRule === ""
          ? [{ content: "", static: true, final: false, suffixed: false, weight: [0, [], 0, []] as Weighting, converters: 0 }]
          : parseRule(domainRule, variables);
      parts.push(...parseRule(mergeSlashes ? source.rule.replace(/\/{2,}?/g, "/") : source.rule, variables));
      let methods: Set<string> | null = null;
      if (source.methods) {
        methods = new Set(source.methods.map((m) => m.toUpperCase()));
        if (methods.has("GET")) methods.add("HEAD");
      }
      return {
        index,
        source,
        methods,
        parts,
        variables,
        mergeSlashes,
        websocket: source.websocket ?? false,
        strictSlashes: source.strictSlashes ?? options.strictSlashes,
      };
    });
    for (const rule of this.rules) if (!rule.source.buildOnly) this.add(rule);
    const sort = (state: State) => {
      // Array.prototype.sort is stable, as Python's list.sort is.
      state.dynamic.sort((a, b) => compare(a.part.weight, b.part.weight));
      for (const next of state.static.values()) sort(next);
      for (const { state: next } of state.dynamic) sort(next);
    };
    sort(this.root);
  }

  private add(rule: Compiled): void {
    let state = this.root;
    for (const part of rule.parts) {
      if (part.static) {
        if (!state.static.has(part.content)) state.static.set(part.content, newState());
        state = state.static.get(part.content)!;
        continue;
      }
      // Werkzeug merges transitions whose RulePart dataclasses are equal, weight included.
      const key = JSON.stringify([part.content, part.final, part.suffixed, part.weight]);
      let entry = state.dynamic.find((d) => d.key === key);
      if (!entry) state.dynamic.push((entry = { part, key, regex: new RegExp(`^(?:${part.content})`, "u"), state: newState() }));
      state = entry.state;
    }
    state.rules.push(rule);
  }

  /** One pass of StateMachineMatcher.match's `_match` over `[domain, ...path.split("/")]`. */
  walk(domain: string, path: string, method: string, websocket: boolean): WalkOutcome {
    const methodRules: number[] = [];
    let websocketMismatch = false;
    const fits = (rule: Compiled) => rule.methods === null || rule.methods.has(method);
    const visit = (state: State, parts: string[], values: string[]): [Compiled, string[]] | null => {
      if (parts.length === 0) {
        for (const rule of state.rules) {
          if (!fits(rule)) methodRules.push(rule.index);
          else if (rule.websocket !== websocket) websocketMismatch = true;
          else return [rule, values];
        }
        const slash = state.static.get("");
        for (const rule of slash?.rules ?? []) {
          if (rule.websocket === websocket && fits(rule)) {
            if (rule.strictSlashes) throw new SlashRequired();
            return [rule, values];
          }
        }
        return null;
      }
      const next = state.static.get(parts[0]!);
      if (next) {
        const found = visit(next, parts.slice(1), values);
        if (found) return found;
      }
      for (const { part, regex, state: target } of state.dynamic) {
        const subject = part.final ? parts.join("/") : parts[0]!;
        let remaining = part.final ? [] : parts.slice(1);
        const m = regex.exec(subject);
        if (!m) continue;
        let groups = m.slice(1, 1 + part.converters);
        if (part.suffixed && m[1 + part.converters] === "/") remaining = [""];
        // Werkzeug sorts a part's groups by their names, "__werkzeug_10" before "__werkzeug_2".
        groups = groups
          .map((v, k) => [String(k), v] as const)
          .sort((a, b) => (a[0] < b[0] ? -1 : 1))
          .map(([, v]) => v!);
        const found = visit(target, remaining, [...values, ...groups]);
        if (found) return found;
      }
      if (parts.length === 1 && parts[0] === "") {
        for (const rule of state.rules) {
          if (rule.strictSlashes) continue;
          if (!fits(rule)) methodRules.push(rule.index);
          else if (rule.websocket !== websocket) websocketMismatch = true;
          else return [rule, values];
        }
      }
      return null;
    };
    let found: [Compiled, string[]] | null;
    try {
      found = visit(this.root, [domain, ...path.split("/")], []);
    } catch (e) {
      if (e instanceof SlashRequired) return { kind: "slash" };
      throw e;
    }
    if (!found) return { kind: "none", methodRules, websocketMismatch };
    return { kind: "rule", rule: found[0].index, values: found[1], methodRules, websocketMismatch };
  }

  /** Converts a walked rule's values (to_python) and merges its defaults; null when one is refused. */
  convert(rule: number, values: readonly string[]): Params | null {
    const compiled = this.rules[rule]!;
    const params: Params = {};
    try {
      compiled.variables.forEach(({ name, converter }, k) => (params[name] = converter.toPython(values[k]!)));
    } catch (e) {
      if (e instanceof Invalid) return null;
      throw e;
    }
    return Object.assign(params, compiled.source.defaults ?? {});
  }

  /** StateMachineMatcher.match: one walk, the merge-slashes retry, then the conversion. */
  match(domain: string, path: string, method: string, websocket: boolean): ReferenceOutcome {
    const first = this.walk(domain, path, method, websocket);
    if (first.kind === "slash") return { kind: "slash", path };
    if (first.kind === "rule") {
      const params = this.convert(first.rule, first.values);
      // A refused value is a miss with what the walk saw so far; there is no retry.
      return params ? { kind: "rule", rule: first.rule, params } : { kind: "none", methodRules: first.methodRules, websocketMismatch: first.websocketMismatch };
    }
    if (!this.options.mergeSlashes) return first;
    const merged = path.replace(/\/{2,}/g, "/");
    const again = this.walk(domain, merged, method, websocket);
    if (again.kind === "slash") return { kind: "slash", path: merged };
    if (again.kind === "rule" && this.rules[again.rule]!.mergeSlashes) return { kind: "merged", path: merged };
    // Werkzeug's 405 set and websocket flag live across both walks.
    return {
      kind: "none",
      methodRules: [...first.methodRules, ...again.methodRules],
      websocketMismatch: first.websocketMismatch || again.websocketMismatch,
    };
  }
}

/**
 * Plugs the reference into the run-time map in place of the generated walk, so both matchers sit
 * behind the same adapter (redirect URLs, 405 lists, defaults redirects). `generated` lends only
 * the rule table the adapter builds redirects from; it is checked against the reference's rules.
 */
export function referenceRoutes(matcher: ReferenceMatcher, generated: CompiledRoutes): CompiledRoutes {
  if (generated.rules.length !== matcher.rules.length || generated.rules.some((r, k) => r.endpoint !== matcher.rules[k]!.source.endpoint)) {
    throw new Error("reference matcher: the generated rule table is not the reference's rule list");
  }
  let params: Params | null = null;
  const walk = (st: MatchState, domain: string, path: string): number => {
    const outcome = matcher.walk(domain, path, st.m, st.ws);
    if (outcome.kind === "slash") return -2;
    for (const index of outcome.methodRules) st.allowed[st.na++] = index;
    st.wsMismatch ||= outcome.websocketMismatch;
    if (outcome.kind === "none") return -1;
    params = matcher.convert(outcome.rule, outcome.values);
    return outcome.rule;
  };
  const convert = matcher.rules.map(() => (): Params | null => params);
  return { ...generated, walk, convert };
}
