// Per-endpoint fast builders for the plain case: one rule, no defaults, on the default
// subdomain, values of the expected types and nothing else. They return the path; anything
// else returns undefined and the general build (Werkzeug's rule choice, query string) runs.
import type { AnalysedRule, RouteTable } from "../analyse.js";
import { quotePath } from "../../runtime/routing/url.js";
import { append, str } from "./code.js";
import { piecesByEndpoint, rulesByEndpoint, type EndpointPieces } from "./endpoints.js";

// A fast builder is one expression whose `||` checks and `+` pieces nest one level per variable;
// TypeScript parses and emits such chains recursively, and thousands of levels overflow its stack
// (Werkzeug's test_long_build has a rule of 10,000 variables). Rules longer than this gain nothing
// from a fast builder and use the general build.
const MAX_FAST_BUILDER_VARIABLES = 256;

/** `cache`: the previous save's entries (watch mode), updated in place. */
export function fastBuilders(table: RouteTable, cache?: { builders?: EndpointPieces<string[]> }): string[] {
  const lines = [`// URL builders for the plain case of each single-rule endpoint (the general build covers the rest).`];
  const entries: string[] = [];
  const made = piecesByEndpoint(rulesByEndpoint(table), cache === undefined ? undefined : (cache.builders ?? new Map()), (endpoint, rules) =>
    builderEntry(table, endpoint, rules),
  );
  if (cache !== undefined) cache.builders = made;
  for (const { pieces } of made.values()) append(entries, pieces);
  lines.push(`const FAST: Record<string, rt.FastBuilder | undefined> = {`);
  append(lines, entries);
  lines.push(`};`, ``);
  return lines;
}

/** The FAST entry of one endpoint, or none when it is not the plain case. */
function builderEntry(table: RouteTable, endpoint: string, rules: readonly AnalysedRule[]): string[] {
  const o = table.options;
  const entries: string[] = [];
  const rule = rules[0]!;
  if (rules.length !== 1 || rule.websocket || rule.defaults || o.hostMatching || rule.subdomain !== o.defaultSubdomain) return entries;
  if (rule.domainTrace.length || !rule.matchRule.startsWith("/") || rule.matchRule.startsWith("//")) return entries;
  if (rule.variables.length > MAX_FAST_BUILDER_VARIABLES) return entries;
  // Every value is checked before any is converted: a missing one must end in Werkzeug's
  // BuildError, not in a converter's complaint about another value.
  const reads: string[] = [];
  const checks: string[] = [];
  const conversions: string[] = [];
  const pieces: string[] = [];
  let text = "";
  for (const op of rule.pathTrace) {
    if (!op.dynamic) {
      text += quotePath(op.data);
      continue;
    }
    if (text) pieces.push(str(text));
    text = "";
    const k = rule.variables.findIndex((x) => x.name === op.data);
    const variable = rule.variables[k]!;
    const spec = variable.converter;
    const value = `v${k}`;
    reads.push(`${value} = v[${str(variable.name)}]`);
    if ((spec.kind === "string" || spec.kind === "path") && !spec.custom) {
      checks.push(`typeof ${value} !== "string"`);
      pieces.push(`quotePath(${value})`);
    } else if (spec.kind === "int" && !spec.params.fixedDigits) {
      checks.push(`typeof ${value} !== "number" || !Number.isSafeInteger(${value})`);
      pieces.push(value);
    } else {
      checks.push(`${value} === undefined || ${value} === null`);
      conversions.push(`  const t${k} = C${variable.converterId}.toUrl(${value});`, `  if (t${k} === INVALID) return undefined;`);
      pieces.push(`t${k}`);
    }
  }
  if (text) pieces.push(str(text));
  const count = `rt.keyCount(v) !== ${rule.variables.length}`;
  if (!reads.length) {
    entries.push(`  ${str(endpoint)}: (v) => (${count} ? undefined : ${pieces.join(" + ") || '""'}),`);
  } else if (!conversions.length) {
    entries.push(`  ${str(endpoint)}: (v) => { const ${reads.join(", ")}; return ${count} || ${checks.join(" || ")} ? undefined : ${pieces.join(" + ")}; },`);
  } else {
    entries.push(
      `  ${str(endpoint)}: (v) => {`,
      `    if (${count}) return undefined;`,
      `    const ${reads.join(", ")};`,
      `    if (${checks.join(" || ")}) return undefined;`,
    );
    append(
      entries,
      conversions.map((l) => "  " + l),
    );
    entries.push(`    return ${pieces.join(" + ")};`, `  },`);
  }
  return entries;
}
