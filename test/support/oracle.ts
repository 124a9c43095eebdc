// Runs Werkzeug's recorded routing cases (fixtures/oracle/*.w3.json) through the compiler and
// the generated module, the way outside code uses them: map.bind(...).match/build.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { compileSource } from "../../compiler/compile.js";
import type { MatcherTier } from "../../compiler/emit/index.js";
import { DEFAULT_MAP_OPTIONS, type DeclNode, type Diagnostic, type MapOptions, type RoutesSource } from "../../compiler/model.js";
import * as routing from "wz/routing";

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");
const require = createRequire(path.join(repoRoot, "package.json"));
const ts = require("typescript") as typeof import("typescript");

export interface OracleCase {
  id: string;
  group: string;
  map: Record<string, unknown>;
  rules: any[];
  effective_rules?: any[];
  bind: Record<string, any>;
  expect?: { rule_error?: string; message?: string };
  match?: any[];
  build?: any[];
}

export function loadCases(file: string): OracleCase[] {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "fixtures/oracle", file), "utf8")).cases;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A tagged oracle VALUE as JS; `inexpressible` when JS cannot say what Python said (2.0 vs 2, big ints). */
export function jsValue(v: any): { value: unknown; inexpressible: boolean } {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    if ("$float" in v) return { value: v.$float, inexpressible: Number.isInteger(v.$float) || String(v.$float).includes("e") };
    if ("$uuid" in v) return { value: v.$uuid, inexpressible: false };
    if ("$int" in v) return { value: BigInt(v.$int), inexpressible: true };
  }
  if (Array.isArray(v)) {
    const items = v.map(jsValue);
    return { value: items.map((i) => i.value), inexpressible: items.some((i) => i.inexpressible) };
  }
  return { value: v, inexpressible: false };
}

function jsValues(obj: Record<string, any> | undefined) {
  const out: Record<string, unknown> = {};
  let inexpressible = false;
  for (const [k, v] of Object.entries(obj ?? {})) {
    const j = jsValue(v);
    out[k] = j.value;
    inexpressible ||= j.inexpressible;
  }
  return { values: out, inexpressible };
}

function toDecl(r: any): DeclNode {
  if (r.factory === "submount") return { kind: "submount", path: r.path, rules: r.rules.map(toDecl) };
  if (r.factory === "endpoint_prefix") return { kind: "endpointPrefix", prefix: r.prefix, rules: r.rules.map(toDecl) };
  if (r.factory === "subdomain") return { kind: "subdomain", subdomain: r.subdomain, rules: r.rules.map(toDecl) };
  if (r.factory) throw new Error("factory " + r.factory);
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === "rule" || v === null || v === undefined) continue;
    options[camel(k)] = k === "defaults" ? jsValues(v as any).values : v;
  }
  return { kind: "rule", path: r.rule, options };
}

export function sourceOf(c: OracleCase, file: string): RoutesSource {
  const usesTemplate = JSON.stringify(c.rules).includes('"factory":"template"');
  const rules = usesTemplate ? c.effective_rules! : c.rules;
  const options: MapOptions = { ...DEFAULT_MAP_OPTIONS };
  for (const [k, v] of Object.entries(c.map ?? {})) (options as any)[camel(k)] = v;
  return { file, options, converters: [], rules: rules.map(toDecl) };
}

const tmpRoot = path.join(repoRoot, ".wz-tmp", "oracle");
let counter = 0;

/** Transpiles generated TypeScript and imports it from a scratch folder inside the repo. */
export async function importGenerated(code: string, name = "routes"): Promise<any> {
  const dir = path.join(tmpRoot, `${process.pid}-${counter++}`);
  fs.mkdirSync(dir, { recursive: true });
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const out = path.join(dir, `${name}.gen.mjs`);
  fs.writeFileSync(out, js);
  return import(pathToFileURL(out).href);
}

/** Compiles a case's rules (with the matcher tier asked for, else the default) and imports the generated module. */
export async function loadCase(c: OracleCase, tier?: MatcherTier): Promise<{ mod?: any; diagnostics: Diagnostic[] }> {
  // The file is only named in the generated header: the cases have no custom converters to import.
  const file = path.join(tmpRoot, "routes.ts");
  const { code, diagnostics } = compileSource(sourceOf(c, file), { outFile: path.join(tmpRoot, "routes.gen.ts"), tier });
  if (!code) return { diagnostics };
  return { mod: await importGenerated(code), diagnostics };
}

const isA = (e: unknown, name: keyof typeof routing) => e instanceof (routing[name] as any);

function bindArgs(c: OracleCase, over?: Record<string, any>): [string, routing.BindOptions] {
  const b = { ...c.bind, ...(over ?? {}) };
  return [b.server_name, { scriptName: b.script_name, subdomain: b.subdomain ?? undefined, urlScheme: b.url_scheme, defaultMethod: b.default_method }];
}

/** The oracle writes big ints and non-finite floats as strings (JSON has neither). */
const norm = (v: unknown) =>
  typeof v === "bigint" ? String(v) : typeof v === "number" && !Number.isFinite(v) ? (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf") : v;

/** `lookup`'s value turned into the exception Werkzeug's `match` raises for it (so one judge reads both). */
function lookupOrThrow(adapter: routing.MapAdapter, path: string, method: string, options: routing.MatchOptions): routing.MatchResult {
  const r = adapter.lookup(path, method, options);
  if (r === null) throw new routing.NotFound();
  if (!("status" in r)) return r;
  if (r.status === 405) throw new routing.MethodNotAllowed(r.allowedMethods);
  if (r.status === 308) throw new routing.RequestRedirect(r.location);
  throw new routing.WebsocketMismatch();
}

/**
 * true when wz answers as Werkzeug did; "skip" when JS cannot express the input; else why not.
 * `via: "lookup"` asks `adapter.lookup` (outcomes as values) instead of `adapter.match`.
 */
export function judgeMatch(mod: any, c: OracleCase, m: any, via: "match" | "lookup" = "match"): true | string {
  const e = m.expect;
  let adapter;
  try {
    adapter = mod.default.bind(...bindArgs(c, m.bind));
  } catch (err: any) {
    return e.bind_error ? true : `bind threw ${err?.name}: ${err?.message}`;
  }
  if (e.bind_error) return "bind did not throw";
  const b = { ...c.bind, ...(m.bind ?? {}) };
  const options: routing.MatchOptions = {};
  if (m.websocket !== null && m.websocket !== undefined) options.websocket = m.websocket;
  if (m.query) options.queryString = m.query;
  let r: any;
  try {
    r = via === "match" ? adapter.match(m.path, m.method ?? b.default_method, options) : lookupOrThrow(adapter, m.path, m.method ?? b.default_method, options);
  } catch (err: any) {
    if (e.not_found) return isA(err, "NotFound") ? true : `threw ${err?.name}: ${err?.message}, want NotFound`;
    if (e.method_not_allowed) {
      if (!isA(err, "MethodNotAllowed")) return `threw ${err?.name}, want MethodNotAllowed`;
      const got = JSON.stringify([...err.validMethods].sort());
      return got === JSON.stringify([...e.method_not_allowed].sort()) ? true : `validMethods ${got}, want ${JSON.stringify(e.method_not_allowed)}`;
    }
    if (e.redirect)
      return isA(err, "RequestRedirect")
        ? err.newUrl === e.redirect
          ? true
          : `redirect ${err.newUrl}, want ${e.redirect}`
        : `threw ${err?.name}: ${err?.message}, want redirect ${e.redirect}`;
    if (e.websocket_mismatch) return isA(err, "WebsocketMismatch") ? true : `threw ${err?.name}, want WebsocketMismatch`;
    if (e.error) return `threw ${err?.name}: ${err?.message}, Werkzeug raised ${e.error}: ${e.message}`;
    return `threw ${err?.name}: ${err?.message}, want ${JSON.stringify(e.ok)}`;
  }
  if (!e.ok) return `matched ${JSON.stringify(r, (_k, v) => norm(v))}, want ${JSON.stringify(e)}`;
  if ((r?.endpoint ?? null) !== e.ok.endpoint) return `endpoint ${r?.endpoint}, want ${e.ok.endpoint}`;
  const got = r.params ?? {};
  const keys = Object.keys(e.ok.params).sort();
  if (JSON.stringify(Object.keys(got).sort()) !== JSON.stringify(keys))
    return `params ${JSON.stringify(got, (_k, v) => norm(v))}, want ${JSON.stringify(e.ok.params)}`;
  for (const k of keys) {
    if (JSON.stringify(norm(got[k])) !== JSON.stringify(e.ok.params[k]))
      return `params ${JSON.stringify(got, (_k, v) => norm(v))}, want ${JSON.stringify(e.ok.params)}`;
  }
  return true;
}

/**
 * Python's ValueError from a converter's to_url (`int("abc")`) is a TypeError or RangeError in wz
 * (never a BuildError: the rule exists, the value is wrong) naming the same value.
 */
function sameValueError(err: any, e: { error: string; message: string }): boolean {
  if (e.error !== "ValueError" || !(err instanceof TypeError || err instanceof RangeError)) return false;
  const value = /: '(.*)'$/.exec(e.message)?.[1];
  const kind = e.message.startsWith("invalid literal for int()") ? "int()" : e.message.startsWith("could not convert string to float") ? "float" : null;
  return value !== undefined && kind !== null && String(err.message).includes(value) && String(err.message).includes(kind);
}

export function judgeBuild(mod: any, c: OracleCase, q: any): true | "skip" | string {
  const e = q.expect;
  let adapter;
  try {
    adapter = mod.default.bind(...bindArgs(c, q.bind));
  } catch (err: any) {
    return e.bind_error ? true : `bind threw ${err?.name}: ${err?.message}`;
  }
  if (e.bind_error) return "bind did not throw";
  const { values, inexpressible } = jsValues(q.values);
  const options: routing.BuildOptions = { appendUnknown: q.append_unknown, forceExternal: q.force_external };
  if (q.method) options.method = q.method;
  if (q.url_scheme) options.urlScheme = q.url_scheme;
  let url: string;
  try {
    url = adapter.build(q.endpoint, values, options);
  } catch (err: any) {
    if (e.build_error) return isA(err, "BuildError") ? true : `threw ${err?.name}: ${err?.message}, want BuildError`;
    if (e.error) return sameValueError(err, e) ? true : `threw ${err?.name}: ${err?.message}, want ${e.error}: ${e.message}`;
    return inexpressible ? "skip" : `threw ${err?.name}: ${err?.message}, want ${e.url}`;
  }
  if (e.url === undefined) return inexpressible ? "skip" : `built ${url}, want ${JSON.stringify(e)}`;
  if (url === e.url) return true;
  return inexpressible ? "skip" : `built ${url}, want ${e.url}`;
}

export interface CaseReport {
  passed: number;
  /** Checks JS cannot express (Python's 2.0 vs 2, ints past 2^53): not run, counted apart. */
  skipped: number;
  /** Checks wz answers differently on purpose (each named with its reason): not counted as agreeing. */
  deviations: string[];
  failures: string[];
}

/** Runs every check of a case; a case Werkzeug refused must be refused with an error diagnostic. */
export async function runCase(c: OracleCase, via: "match" | "lookup" = "match", tier?: MatcherTier): Promise<CaseReport> {
  const report: CaseReport = { passed: 0, skipped: 0, deviations: [], failures: [] };
  const loaded = await loadCase(c, tier);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (c.expect?.rule_error) {
    if (errors.length) report.passed++;
    else report.failures.push(`${c.id}: accepted a rule Werkzeug rejects (${c.expect.rule_error}: ${c.expect.message})`);
    return report;
  }
  let mod = loaded.mod;
  let badRedirectTo = false;
  if (!mod && (c.match ?? []).some((m) => m.expect.error)) {
    // Werkzeug raises KeyError when matching a redirect_to that names an unknown variable; wz
    // refuses it at compile time. Judge the other checks without those rules.
    const vars = (r: any) => [...String(r.rule).matchAll(/<(?:[^:>]+:)?([^>]+)>/g)].map((x) => x[1]);
    const good = (r: any) => r.factory || !r.redirect_to || [...String(r.redirect_to).matchAll(/<([^>]*)>/g)].every((x) => vars(r).includes(x[1]));
    const strip = (rs: any[]): any[] => rs.filter(good).map((r) => (r.factory ? { ...r, rules: strip(r.rules) } : r));
    const again = await loadCase({ ...c, rules: strip(c.rules), effective_rules: c.effective_rules && strip(c.effective_rules) }, tier);
    mod = again.mod;
    badRedirectTo = !!mod && errors.length > 0;
  }
  const checks = (c.match?.length ?? 0) + (c.build?.length ?? 0);
  if (!mod) {
    const why = errors.map((d) => d.message).join(" | ");
    for (let i = 0; i < checks; i++) report.failures.push(`${c.id}: did not compile: ${why}`);
    return report;
  }
  const note = (label: string, verdict: true | "skip" | string) => {
    if (verdict === true) report.passed++;
    else if (verdict === "skip") report.skipped++;
    else report.failures.push(`${label}: ${verdict}`);
  };
  (c.match ?? []).forEach((m, i) => {
    if (badRedirectTo && m.expect.error) {
      report.deviations.push(
        `${c.id} match[${i}] ${JSON.stringify(m.path)}: Werkzeug raises ${m.expect.error} ${m.expect.message} when matching; wz refuses the rule at compile time`,
      );
      return;
    }
    let verdict: true | string;
    try {
      verdict = judgeMatch(mod, c, m, via);
    } catch (err: any) {
      verdict = `harness: ${err?.message}`;
    }
    note(`${c.id} match[${i}] ${JSON.stringify(m.path)} ${m.method ?? ""}`, verdict);
  });
  if (via === "lookup") return report;
  (c.build ?? []).forEach((q, i) => {
    let verdict: true | "skip" | string;
    try {
      verdict = judgeBuild(mod, c, q);
    } catch (err: any) {
      verdict = `harness: ${err?.message}`;
    }
    note(`${c.id} build[${i}] ${q.endpoint} ${JSON.stringify(q.values)}`, verdict);
  });
  return report;
}
