// `wz routes <routes.ts> [--sort rule|endpoint|methods]`: the rules as a table, as Flask's
// `flask routes` prints them, from the compiler's reading of the file (loaded on demand through
// the public `wz/compiler` entry, so the runtime has no static dependency on the compiler).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { MapOptions } from "../routing/declare.js";
import type { ResolvedRuleOptions } from "../routing/map.js";
import { closest } from "../suggest.js";
import { parseCommandLine, UsageError } from "./command-line.js";

interface RoutesCompiler {
  listRoutes(options: { file: string }): { options: MapOptions | null; rules: ResolvedRuleOptions[]; diagnostics: { severity: string }[] };
  formatDiagnostics(diagnostics: unknown[], options: { color?: boolean }): string;
}

const SORTS = ["endpoint", "methods", "rule"] as const;
type Sort = (typeof SORTS)[number];

/** Parses the arguments after `routes`; throws UsageError. */
export function parseRoutesCommand(args: readonly string[]): { file: string; sort: Sort } | "help" {
  const { values, positionals } = parseCommandLine(args, { sort: { type: "string" }, help: { type: "boolean", short: "h" } }, { sort: SORTS.join(", ") });
  if (values.help) return "help";
  const [file, ...rest] = positionals;
  if (file === undefined) throw new UsageError("missing the routes file");
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const sort = values.sort ?? "endpoint";
  if (!(SORTS as readonly string[]).includes(sort)) {
    const suggestion = closest(sort, SORTS);
    throw new UsageError(`--sort takes ${SORTS.join(", ")}, not "${sort}"${suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`}`);
  }
  if (!existsSync(file)) throw new UsageError(`no such routes file: ${file}`);
  return { file: resolve(file), sort: sort as Sort };
}

/** Prints the table (or the diagnostics); resolves with the exit status. */
export async function routesCommand(file: string, sort: Sort, write: (text: string) => void, writeError: (text: string) => void): Promise<number> {
  const compilerEntry = "wz/compiler";
  const compiler = (await import(compilerEntry)) as RoutesCompiler;
  const { options, rules, diagnostics } = compiler.listRoutes({ file });
  if (diagnostics.length > 0) writeError(compiler.formatDiagnostics(diagnostics, { color: false }));
  if (options === null || diagnostics.some((d) => d.severity === "error")) return 1;
  write(routesTable(rules, options, sort));
  return 0;
}

/** Flask's layout: left-aligned columns two spaces apart, a dashed rule under the headings. */
export function routesTable(rules: readonly ResolvedRuleOptions[], map: MapOptions, sort: Sort): string {
  if (rules.length === 0) return "No routes were declared.\n";
  // As Flask, HEAD and OPTIONS are left out (HEAD comes with GET); a rule without methods takes any.
  const methodsOf = (r: ResolvedRuleOptions) => (r.methods === null ? "*" : r.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS").join(", "));
  const sorted = [...rules];
  const key = { endpoint: (r: ResolvedRuleOptions) => r.endpoint ?? "", methods: methodsOf, rule: (r: ResolvedRuleOptions) => r.rule }[sort];
  sorted.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const domainOf = (r: ResolvedRuleOptions) => (map.hostMatching ? (r.host ?? "") : r.subdomain);
  const showDomain = sorted.some((r) => domainOf(r) !== "");
  const showOptions = sorted.some((r) => optionsOf(r, map) !== "");
  const headers = ["Endpoint", "Methods", ...(showDomain ? [map.hostMatching ? "Host" : "Subdomain"] : []), "Rule", ...(showOptions ? ["Options"] : [])];
  const rows = sorted.map((r) => [r.endpoint ?? "-", methodsOf(r), ...(showDomain ? [domainOf(r)] : []), r.rule, ...(showOptions ? [optionsOf(r, map)] : [])]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** The options a rule sets beyond the plain case (the map's own defaults are not repeated). */
function optionsOf(rule: ResolvedRuleOptions, map: MapOptions): string {
  const parts: string[] = [];
  if (rule.defaults !== null) parts.push(`defaults=${JSON.stringify(rule.defaults)}`);
  if (rule.redirectTo !== null) parts.push(`redirectTo=${rule.redirectTo}`);
  if (rule.strictSlashes !== map.strictSlashes) parts.push(`strictSlashes=${rule.strictSlashes}`);
  if (rule.mergeSlashes !== map.mergeSlashes) parts.push(`mergeSlashes=${rule.mergeSlashes}`);
  if (rule.alias) parts.push("alias");
  if (rule.buildOnly) parts.push("buildOnly");
  if (rule.websocket) parts.push("websocket");
  return parts.join(", ");
}
