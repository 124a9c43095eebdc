// The emitter: route table -> the generated TypeScript module, as a pipeline of parts, each in
// its own file:
//   parts.ts                how each dynamic part is tested (shared by the next two)
//   matcher.ts              walk + functions of bounded size over the trie (the code tier)
//   table.ts                or the same trie as data for one run-time walker (the table tier)
//   static-table.ts         the exact-static table asked before the walk
//   convert.ts              convert functions (values cut, converted, defaults merged)
//   converter-instances.ts  C<n> / CX<n>
//   rule-table.ts           the compact rule tuples
//   module.ts               header and the exported route map
//   types.ts                endpoint types and typed wrappers (urlFor's fast builders are made
//                           from the rule table at run time: runtime/routing/fast-build.ts)
import type { RouteTable } from "../analyse.js";
import { append } from "./code.js";
import { converterInstances } from "./converter-instances.js";
import { convertFunctions, type ConvertBodies } from "./convert.js";
import { matcherFunctions } from "./matcher.js";
import { moduleHeader, routeMapExport } from "./module.js";
import { DynamicParts } from "./parts.js";
import { ruleTable, type RuleRows } from "./rule-table.js";
import { tableMatcherLines, tableMethods, type TableRows } from "./table.js";
import { endpointTypes } from "./types.js";
import type { EndpointPieces } from "./endpoints.js";

export interface EmitOptions {
  /** Where the generated module will be written (imports are relative to it). */
  outFile: string;
  /** Watch mode's per-endpoint pieces from the previous save (see newEmitCache). */
  cache?: EmitCache;
  /**
   * @internal Which matcher tier to emit (default: chosen by the table's size, see matcherTier).
   * The tests force each tier on every table; not part of the public options.
   */
  tier?: MatcherTier;
}

/** The code tier compiles the trie to functions; the table tier writes it as data for one walker. */
export type MatcherTier = "code" | "table";

/**
 * Rules from which the table tier is emitted. Measured (bench/match-warmup.mjs, ns per lookup at
 * 50 ms / 300 ms / 2 s of CPU): see docs/matcher.md, "Two tiers".
 */
export const TABLE_TIER_RULES = 1000;

/** The tier emitted for a table: the one asked for, else the table tier for large tables. */
export function matcherTier(table: RouteTable, asked?: MatcherTier): MatcherTier {
  // A method mask holds 30 methods: a table naming more keeps the code tier.
  if (tableMethods(table) === null) return "code";
  return asked ?? (table.rules.length >= TABLE_TIER_RULES ? "table" : "code");
}

/**
 * Emitted pieces kept between saves: rule-table rows and convert bodies per rule, types per
 * endpoint, reused while their rules are unchanged; the table tier's rows per state, reused
 * while the state's content is (its references to states and rules are filled in anew).
 */
export interface EmitCache {
  rows?: RuleRows;
  tableRows?: TableRows;
  converts?: ConvertBodies;
  types?: EndpointPieces<{ build: string; match: string }>;
}

export const newEmitCache = (): EmitCache => ({});

export function emitModule(table: RouteTable, options: EmitOptions): string {
  const parts = new DynamicParts();
  // The matcher and convert functions classify the dynamic parts first: the regex table they
  // fill is emitted above them.
  const tier = matcherTier(table, options.tier);
  const matcher = tier === "table" ? null : matcherFunctions(table, parts);
  const walker = tier === "table" ? tableMatcherLines(table, parts, options.cache) : [];
  const convert = convertFunctions(table, parts, options.cache);
  const out: string[] = [];
  for (const section of [
    moduleHeader(table, options.outFile, matcher ? `${matcher.functionCount} matcher functions` : "a table-driven matcher"),
    converterInstances(table),
    parts.regexTable(),
    matcher ? matcher.texts.table() : [],
    [""],
    matcher ? matcher.lines : walker,
    convert.lines,
    ruleTable(table, options.cache),
    routeMapExport(table, convert.names),
    endpointTypes(table, options.cache),
  ]) {
    append(out, section);
  }
  return out.join("\n") + "\n";
}
