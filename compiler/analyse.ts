// Analysis: flat rules -> the route table the matcher and builders are made from. Each rule is
// split into parts the way Werkzeug's `Rule._parse_rule` splits it (domain part first, then one
// part per path segment; a non-part-isolating converter makes the rest of the rule one final
// part), with the weights that order dynamic parts. Werkzeug's construction errors become
// diagnostics here.
import { closest } from "../runtime/suggest.js";
import { flattenRules, type FlattenedRule } from "./flatten.js";
import { parseRuleString, RuleSyntaxError, type RulePiece, type VariablePiece } from "./parse-rule.js";
import { BUILTIN_CONVERTERS, builtinConverter, ConverterArgumentError, customConverter, type ConverterSpec } from "./converters.js";
import type { ResolvedRuleOptions } from "../runtime/routing/map.js";
import { mergeSlashRuns } from "../runtime/routing/url.js";
import type { CustomConverterRef, Diagnostic, MapOptions, RoutesSource, SourceSpan } from "./model.js";

/** Werkzeug's `Weighting`: dynamic parts are tried in ascending order of this. */
export interface Weighting {
  numberStatic: number;
  staticWeights: Array<[number, number]>;
  numberArguments: number;
  argumentWeights: number[];
}

/** A piece of a part: literal text or the converter with that index in the rule. */
export type PartPiece = { text: string } | { converter: number };

export interface RulePart {
  static: boolean;
  /** Static parts: the exact segment text. */
  text: string;
  pieces: PartPiece[];
  /** Consumes the rest of the path (a converter matching `/` is in it). */
  final: boolean;
  /** A final part whose rule ends in `/`: that slash is optional (Werkzeug's `(?<!/)(/?)`). */
  suffixed: boolean;
  weight: Weighting;
  /** Identity of the part: rules share a matcher state where these agree (Werkzeug's `RulePart ==`); static keys start with "s", dynamic ones with "d". */
  key: string;
}

export interface TraceOp {
  dynamic: boolean;
  /** Variable name, or literal text. */
  data: string;
}

export interface RuleVariable {
  name: string;
  converter: ConverterSpec;
  /** Index of the converter spec in the table's `converters` list. */
  converterId: number;
  /** True for variables of the domain part (subdomain or host). */
  inDomain: boolean;
}

/** A rule after analysis: its resolved options (the run-time RuleInfo's shape) and its parts. */
export interface AnalysedRule extends ResolvedRuleOptions {
  index: number;
  /** The rule string the matcher sees (runs of slashes merged when mergeSlashes). */
  matchRule: string;
  parts: RulePart[];
  variables: RuleVariable[];
  /** Defaults keys and variable names (Werkzeug's `Rule.arguments`). */
  arguments: string[];
  domainTrace: TraceOp[];
  pathTrace: TraceOp[];
  span?: SourceSpan;
  /**
   * Names this analysis: a rule reused from watch mode's cache keeps it, so equal ids (with
   * equal converter ids) mean equal emitted pieces for the rule.
   */
  contentId: number;
}

export interface RouteTable {
  file: string;
  options: MapOptions;
  rules: AnalysedRule[];
  /** Distinct converter instances, shared by rules with the same converter and arguments. */
  converters: ConverterSpec[];
  customConverters: CustomConverterRef[];
}

/**
 * What watch mode keeps between compiles: each rule analysed without errors or warnings, by its
 * content (the flattened rule without its position), valid while the map options and custom
 * converters stay the same. A cached rule is reused with its new index, position and converter
 * ids, which is what a fresh analysis of the same content gives.
 */
export interface AnalysisCache {
  context: string;
  rules: Map<string, AnalysedRule>;
}

export const newAnalysisCache = (): AnalysisCache => ({ context: "", rules: new Map() });

export function analyseRoutes(source: RoutesSource, cache?: AnalysisCache): { table: RouteTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const customByName = new Map(source.converters.map((c) => [c.name, c]));
  const converters: ConverterSpec[] = [];
  const converterIds = new Map<string, number>();
  const rules: AnalysedRule[] = [];
  const flat = flattenRules(source.rules);
  const internConverter = (spec: ConverterSpec): number => {
    const id = converterIdentity(spec);
    let index = converterIds.get(id);
    if (index === undefined) {
      index = converters.length;
      converters.push(spec);
      converterIds.set(id, index);
    }
    return index;
  };
  let cached: Map<string, AnalysedRule> | undefined;
  const kept = new Map<string, AnalysedRule>();
  if (cache !== undefined) {
    const context = JSON.stringify([source.options, source.converters.map(({ span: _, ...ref }) => ref)]);
    cached = cache.context === context ? cache.rules : new Map();
    cache.context = context;
  }

  for (const flatRule of flat) {
    const key = cached === undefined ? "" : contentKey(flatRule);
    const hit = cached?.get(key);
    if (hit !== undefined) {
      rules.push(reused(hit, rules.length, flatRule.span, internConverter));
      kept.set(key, hit);
      continue;
    }
    const before = diagnostics.length;
    const analysed = new RuleAnalyser(flatRule, source, diagnostics, customByName, internConverter).run(rules.length);
    if (analysed) {
      rules.push(analysed);
      if (cached !== undefined && diagnostics.length === before) kept.set(key, analysed);
    }
  }
  // Only what this compile used is kept, so the cache never outgrows the file.
  if (cache !== undefined) cache.rules = kept;
  warnShadowed(rules, diagnostics, source.file);
  return { table: { file: source.file, options: source.options, rules, converters, customConverters: source.converters }, diagnostics };
}

/** A flattened rule's content: everything but where it was written (diagnostics need that, and cached rules have none). */
function contentKey(rule: FlattenedRule): string {
  const { span: _span, pathSpan: _pathSpan, ...content } = rule;
  return JSON.stringify(content);
}

/** A cached analysis at a new place: parts, traces and converter specs are shared (nothing mutates them). */
function reused(rule: AnalysedRule, index: number, span: SourceSpan | undefined, internConverter: (spec: ConverterSpec) => number): AnalysedRule {
  return {
    index,
    rule: rule.rule,
    endpoint: rule.endpoint,
    methods: rule.methods,
    defaults: rule.defaults,
    strictSlashes: rule.strictSlashes,
    mergeSlashes: rule.mergeSlashes,
    redirectTo: rule.redirectTo,
    subdomain: rule.subdomain,
    host: rule.host,
    alias: rule.alias,
    buildOnly: rule.buildOnly,
    websocket: rule.websocket,
    matchRule: rule.matchRule,
    parts: rule.parts,
    variables: rule.variables.map((v) => ({ name: v.name, converter: v.converter, converterId: internConverter(v.converter), inDomain: v.inDomain })),
    arguments: rule.arguments,
    domainTrace: rule.domainTrace,
    pathTrace: rule.pathTrace,
    span,
    contentId: rule.contentId,
  };
}

/** Converter identities (equal ones share an instance in the generated module), made once per spec. */
const identities = new WeakMap<ConverterSpec, string>();
function converterIdentity(spec: ConverterSpec): string {
  let id = identities.get(spec);
  if (id === undefined) {
    id = JSON.stringify([spec.kind, spec.params, spec.custom ? [spec.name, spec.custom.args, spec.custom.kwargs] : null]);
    identities.set(spec, id);
  }
  return id;
}

/** Built-in converter specs by name and arguments: a table repeats a few (`int`, `any(a, b)`) thousands of times. */
const builtinSpecs = new Map<string, ConverterSpec>();
function builtinSpec(piece: VariablePiece): ConverterSpec {
  const key = `${piece.converter}\0${JSON.stringify(piece.args)}\0${JSON.stringify(piece.kwargs)}`;
  let spec = builtinSpecs.get(key);
  if (spec === undefined) {
    spec = builtinConverter(piece.converter, piece.args, piece.kwargs); // throws for bad arguments: never cached
    if (builtinSpecs.size >= 10_000) builtinSpecs.clear();
    builtinSpecs.set(key, spec);
  }
  return spec;
}

let nextContentId = 0;

/** Methods lists by what was written: a table repeats a few (["GET"], ["POST"]) thousands of times. Shared, never changed. */
const methodLists = new Map<string, string[]>();

class RuleAnalyser {
  private failed = false;
  private readonly variables: RuleVariable[] = [];

  constructor(
    private readonly flat: FlattenedRule,
    private readonly source: RoutesSource,
    private readonly diagnostics: Diagnostic[],
    private readonly customByName: Map<string, CustomConverterRef>,
    private readonly internConverter: (spec: ConverterSpec) => number,
  ) {}

  run(index: number): AnalysedRule | null {
    const { flat, source } = this;
    const options = source.options;
    const ruleText = flat.rule;
    if (typeof ruleText !== "string" || !ruleText.startsWith("/")) {
      this.error(`URL rule '${ruleText}' must start with a slash.`, { at: 0, length: Math.max(1, String(ruleText).length) });
      return null;
    }
    const methods = this.methods();
    const websocket = flat.websocket === true;
    if (websocket && methods?.some((m) => m !== "GET" && m !== "HEAD" && m !== "OPTIONS")) {
      this.error("WebSocket rules can only use 'GET', 'HEAD', and 'OPTIONS' methods.");
    }
    for (const dropped of flat.dropped ?? []) {
      this.warning(
        `"${dropped}" is dropped for rules inside submount/subdomain/endpointPrefix (Werkzeug copies rules without it); set it on the map or move the rule out of the factory`,
      );
    }
    const strictSlashes = flat.strictSlashes ?? options.strictSlashes;
    const mergeSlashes = flat.mergeSlashes ?? options.mergeSlashes;
    const subdomain = flat.subdomain ?? options.defaultSubdomain;
    const host = flat.host ?? null;
    const domainRule = options.hostMatching ? (host ?? "") : subdomain;
    const matchRule = mergeSlashes ? mergeSlashRuns(ruleText) : ruleText;

    const domainTrace: TraceOp[] = [];
    const pathTrace: TraceOp[] = [];
    const parts: RulePart[] = [];
    if (domainRule === "") {
      parts.push(staticPart(""));
    } else {
      const domainParts = this.parse(domainRule, true, domainTrace, null);
      if (domainParts && domainParts.length !== 1) this.error(`the ${options.hostMatching ? "host" : "subdomain"} rule '${domainRule}' cannot contain "/"`);
      if (domainParts) parts.push(...domainParts);
    }
    // Offsets are reported against the rule string as written, so merged slashes shift nothing
    // before the first run of slashes; later ones point at the call.
    const pathOffsetBase = matchRule === ruleText ? 0 : null;
    const pathParts = this.parse(matchRule, false, pathTrace, pathOffsetBase);
    if (pathParts) parts.push(...pathParts);
    if (!flat.buildOnly) this.checkDepth(matchRule, pathOffsetBase);

    const defaults = flat.defaults && Object.keys(flat.defaults).length ? { ...flat.defaults } : null;
    const argumentNames = new Set<string>(defaults ? Object.keys(defaults) : []);
    for (const v of this.variables) argumentNames.add(v.name);
    this.checkRedirectTo(flat.redirectTo);
    if (this.failed) return null;
    return {
      index,
      rule: ruleText,
      endpoint: flat.endpoint ?? null,
      methods,
      defaults,
      strictSlashes,
      mergeSlashes,
      redirectTo: flat.redirectTo ?? null,
      subdomain,
      host,
      alias: flat.alias === true,
      buildOnly: flat.buildOnly === true,
      websocket,
      matchRule,
      parts,
      variables: this.variables,
      arguments: [...argumentNames],
      domainTrace,
      pathTrace,
      span: flat.span,
      contentId: nextContentId++,
    };
  }

  private methods(): string[] | null {
    const raw = this.flat.methods as unknown;
    if (raw === undefined || raw === null) return null;
    if (typeof raw === "string" || !Array.isArray(raw)) {
      this.error("'methods' should be a list of strings.");
      return null;
    }
    const written = raw.map(String).join("\0");
    let methods = methodLists.get(written);
    if (methods === undefined) {
      const set = new Set(raw.map((m) => String(m).toUpperCase()));
      if (set.has("GET")) set.add("HEAD");
      methods = [...set].sort();
      if (methodLists.size >= 10_000) methodLists.clear();
      methodLists.set(written, methods);
    }
    return methods;
  }

  /** A matched rule's segments (its slashes) past MAX_MATCHED_SEGMENTS: an error at the first slash beyond. */
  private checkDepth(matchRule: string, offsetBase: number | null): void {
    let segments = 0;
    let beyond = -1;
    for (let at = matchRule.indexOf("/"); at !== -1; at = matchRule.indexOf("/", at + 1)) {
      if (++segments === MAX_MATCHED_SEGMENTS + 1) beyond = at;
    }
    if (beyond === -1) return;
    this.error(
      `the rule has ${segments.toLocaleString("en")} segments; a matched rule may have at most ${MAX_MATCHED_SEGMENTS.toLocaleString("en")} (Werkzeug fails with RecursionError near that depth; buildOnly rules have no limit)`,
      this.at(false, offsetBase, beyond, 1),
    );
  }

  private checkRedirectTo(redirectTo: string | undefined): void {
    if (redirectTo === undefined) return;
    for (const m of redirectTo.matchAll(/<([^>]+)>/g)) {
      const name = m[1]!;
      if (!this.variables.some((v) => v.name === name)) {
        const known = this.variables.map((v) => v.name);
        const suggestion = closest(name.replace(/^.*:/, ""), known);
        this.error(
          `redirectTo names "<${name}>", which is not a variable of the rule '${this.flat.rule}'` +
            (known.length ? ` (its variables: ${known.join(", ")})` : " (it has no variables)"),
          undefined,
          suggestion,
        );
      }
    }
  }

  /**
   * Werkzeug's `_parse_rule`: yields one part per `/`-separated segment; once a converter that
   * matches `/` appears, the rest of the rule joins that (final) part.
   */
  private parse(rule: string, inDomain: boolean, trace: TraceOp[], offsetBase: number | null): RulePart[] | null {
    let pieces: RulePiece[];
    try {
      pieces = parseRuleString(rule);
    } catch (e) {
      if (!(e instanceof RuleSyntaxError)) throw e;
      this.error(`malformed url rule: '${elide(rule)}': ${e.message.replace(/^malformed url rule: /, "")}`, this.at(inDomain, offsetBase, e.offset, e.length));
      return null;
    }
    const parts: RulePart[] = [];
    let current: PartPiece[] = [];
    let isStatic = true;
    let final = false;
    let staticWeights: Array<[number, number]> = [];
    let argumentWeights: number[] = [];
    let text = "";
    const finish = (suffixed: boolean) => {
      const weight: Weighting = {
        numberStatic: -staticWeights.length,
        staticWeights,
        numberArguments: -argumentWeights.length,
        argumentWeights,
      };
      parts.push(isStatic ? staticPart(text) : dynamicPart(current, final, suffixed, weight, this.variables));
      current = [];
      isStatic = true;
      final = false;
      staticWeights = [];
      argumentWeights = [];
      text = "";
      return weight;
    };
    for (const piece of pieces) {
      if (piece.kind === "static") {
        staticWeights.push([staticWeights.length, -piece.text.length]);
        trace.push(traceOp(false, piece.text));
        pushText(current, piece.text);
        text += piece.text;
      } else if (piece.kind === "variable") {
        const variable = this.variable(piece, inDomain, offsetBase);
        if (!variable) continue;
        isStatic = false;
        if (!variable.converter.partIsolating) final = true;
        current.push({ converter: this.variables.length });
        this.variables.push(variable);
        argumentWeights.push(variable.converter.weight);
        trace.push(traceOp(true, piece.name));
      } else {
        trace.push(traceOp(false, "/"));
        if (final) {
          pushText(current, "/");
        } else {
          finish(false);
        }
      }
    }
    let suffixed = false;
    const last = current[current.length - 1];
    if (final && last && "text" in last && last.text.endsWith("/")) {
      suffixed = true;
      last.text = last.text.slice(0, -1);
      if (last.text === "") current.pop();
    }
    const weight = finish(suffixed);
    if (suffixed) parts.push({ ...staticPart(""), weight });
    return this.failed ? null : parts;
  }

  private variable(piece: VariablePiece, inDomain: boolean, offsetBase: number | null): RuleVariable | null {
    const at = this.at(inDomain, offsetBase, piece.offset, piece.length);
    if (this.variables.some((v) => v.name === piece.name)) {
      this.error(`duplicate argument '${piece.name}' in the rule '${this.flat.rule}': each variable name may appear once (subdomain and path together)`, at);
      return null;
    }
    let spec: ConverterSpec;
    try {
      const custom = this.customByName.get(piece.converter);
      spec = custom ? customConverter(custom, piece.args, piece.kwargs) : builtinSpec(piece);
    } catch (e) {
      if (!(e instanceof ConverterArgumentError)) throw e;
      const known = [...BUILTIN_CONVERTERS, ...this.customByName.keys()];
      const suggestion = e.pythonError === "LookupError" ? closest(piece.converter, known) : e.suggestion;
      const convAt = e.pythonError === "LookupError" ? this.at(inDomain, offsetBase, piece.converterOffset, piece.converter.length) : at;
      this.error(e.message, convAt, suggestion);
      return null;
    }
    return { name: piece.name, converter: spec, converterId: this.internConverter(spec), inDomain };
  }

  /** Where an offset inside the domain or path rule string is in the source, when we can tell. */
  private at(inDomain: boolean, offsetBase: number | null, offset: number, length: number): { at: number; length: number } | undefined {
    if (inDomain || offsetBase === null) return undefined;
    const shifted = offset - (this.flat.prefixLength ?? 0);
    return shifted >= 0 ? { at: shifted, length } : undefined;
  }

  private report(severity: "error" | "warning", message: string, where?: { at: number; length: number }, suggestion?: string): void {
    if (severity === "error") this.failed = true;
    const span = where && this.flat.pathSpan ? { ...this.flat.pathSpan, column: this.flat.pathSpan.column + where.at, length: where.length } : this.flat.span;
    this.diagnostics.push(makeDiagnostic(span, this.source.file, message, severity, suggestion));
  }
  private error(message: string, where?: { at: number; length: number }, suggestion?: string): void {
    this.report("error", message, where, suggestion);
  }
  private warning(message: string): void {
    this.report("warning", message);
  }
}

function makeDiagnostic(span: SourceSpan | undefined, file: string, message: string, severity: "error" | "warning", suggestion?: string): Diagnostic {
  const d: Diagnostic = {
    file: span?.file ?? file,
    line: span?.line ?? 1,
    column: span?.column ?? 1,
    length: span?.length ?? 0,
    lineText: span?.lineText ?? "",
    message,
    severity,
  };
  if (suggestion !== undefined) d.suggestion = suggestion;
  return d;
}

function pushText(pieces: PartPiece[], text: string): void {
  const last = pieces[pieces.length - 1];
  if (last && "text" in last) last.text += text;
  else pieces.push({ text });
}

const STATIC_WEIGHT: Weighting = { numberStatic: 0, staticWeights: [], numberArguments: 0, argumentWeights: [] };

// Parts and trace ops are never changed once made, so equal ones are shared: a table repeats a
// few segments ("api", "users", "/") thousands of times, and every object made here lives to
// the end of the compile, which is what a cold compile's garbage collection pays for.
const staticParts = new Map<string, RulePart>();
const traceOps = [new Map<string, TraceOp>(), new Map<string, TraceOp>()];

function staticPart(text: string): RulePart {
  let part = staticParts.get(text);
  if (part === undefined) {
    // Static parts never share dynamic states, so their key only has to differ from dynamic keys ("d...").
    part = { static: true, text, pieces: [{ text }], final: false, suffixed: false, weight: STATIC_WEIGHT, key: "s" + text };
    if (staticParts.size >= 10_000) staticParts.clear();
    staticParts.set(text, part);
  }
  return part;
}

function traceOp(dynamic: boolean, data: string): TraceOp {
  const ops = traceOps[dynamic ? 1 : 0]!;
  let op = ops.get(data);
  if (op === undefined) {
    op = { dynamic, data };
    if (ops.size >= 10_000) ops.clear();
    ops.set(data, op);
  }
  return op;
}

function dynamicPart(pieces: PartPiece[], final: boolean, suffixed: boolean, weight: Weighting, variables: RuleVariable[]): RulePart {
  // Texts and regexes are written as JSON strings, so no piece can run into the next.
  let key = "d";
  for (const p of pieces) key += "text" in p ? "t" + JSON.stringify(p.text) : "c" + JSON.stringify(variables[p.converter]!.converter.pyRegex);
  key += `${final ? 1 : 0}${suffixed ? 1 : 0}|${weight.numberStatic}|${weight.staticWeights.join(";")}|${weight.numberArguments}|${weight.argumentWeights.join(";")}`;
  return { static: false, text: "", pieces, final, suffixed, weight, key };
}

/** Python's ordering of `Weighting` tuples (lists compare element-wise, shorter first on a tie). */
export function compareWeights(a: Weighting, b: Weighting): number {
  return (
    a.numberStatic - b.numberStatic ||
    compareLists(a.staticWeights, b.staticWeights, (x, y) => x[0] - y[0] || x[1] - y[1]) ||
    a.numberArguments - b.numberArguments ||
    compareLists(a.argumentWeights, b.argumentWeights, (x, y) => x - y)
  );
}

function compareLists<T>(a: T[], b: T[], cmp: (x: T, y: T) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i]!, b[i]!);
    if (c) return c;
  }
  return a.length - b.length;
}

/** A rule identical to an earlier one (same parts, methods, websocket flag) can never match. */
function warnShadowed(rules: AnalysedRule[], diagnostics: Diagnostic[], file: string): void {
  const seen = new Map<string, AnalysedRule>();
  for (const rule of rules) {
    if (rule.buildOnly) continue;
    const key = shadowKey(rule);
    const earlier = seen.get(key);
    if (earlier) {
      const where = earlier.span ? `line ${earlier.span.line}` : `rule #${earlier.index + 1}`;
      diagnostics.push(makeDiagnostic(rule.span, file, `the rule '${rule.rule}' is shadowed by the identical rule at ${where}; it can never match`, "warning"));
    } else {
      seen.set(key, rule);
    }
  }
}

/** Keyed by the parts array, which a cached rule shares with its earlier analysis (methods and flag with it). */
const shadowKeys = new WeakMap<RulePart[], string>();

function shadowKey(rule: AnalysedRule): string {
  let key = shadowKeys.get(rule.parts);
  if (key === undefined) {
    // Every piece is JSON here, in which a raw NUL never occurs: the separator cannot collide.
    key = `${rule.websocket}\0${JSON.stringify(rule.methods)}`;
    for (const part of rule.parts) key += "\0" + (part.static ? JSON.stringify(part.text) : part.key);
    shadowKeys.set(rule.parts, key);
  }
  return key;
}

/**
 * The matcher walks one state per segment, as Werkzeug's does (which raises RecursionError near
 * 1,000); past this a matched rule is refused at compile time instead of overflowing the
 * emitter's or the walk's stack. Build-only rules never enter the matcher.
 */
const MAX_MATCHED_SEGMENTS = 1000;

/** A rule string short enough to quote in a one-line message (the code frame shows the place). */
function elide(rule: string): string {
  return rule.length <= 120 ? rule : `${rule.slice(0, 60)}…${rule.slice(-40)}`;
}
