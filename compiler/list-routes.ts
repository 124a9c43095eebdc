// listRoutes: the rules of a routes file as the compiler reads them (submounts, subdomains and
// endpoint prefixes applied, methods normalised, the map's defaults filled in), for `wz routes`.
import { analyseRoutes } from "./analyse.js";
import { hasErrors, uniqueDiagnostics } from "./diagnostics.js";
import type { Diagnostic } from "./model.js";
import { createRoutesProject } from "./read-project.js";
import { readRoutes } from "./read-routes.js";
import type { MapOptions } from "../runtime/routing/declare.js";
import type { ResolvedRuleOptions } from "../runtime/routing/map.js";

export interface RouteListing {
  /** Map-wide options, resolved; null when the file could not be read. */
  options: MapOptions | null;
  /** Every rule in declaration order; empty when there is any error. */
  rules: ResolvedRuleOptions[];
  diagnostics: Diagnostic[];
}

/** Read and analyse a routes file without emitting anything. */
export function listRoutes(options: { file: string }): RouteListing {
  const read = readRoutes(options.file, createRoutesProject());
  if (read.source === null) return { options: null, rules: [], diagnostics: read.diagnostics };
  const { table, diagnostics: analysed } = analyseRoutes(read.source);
  const diagnostics = uniqueDiagnostics([...read.diagnostics, ...analysed]);
  if (hasErrors(diagnostics)) return { options: table.options, rules: [], diagnostics };
  const rules = table.rules.map(
    ({ rule, endpoint, methods, defaults, strictSlashes, mergeSlashes, redirectTo, subdomain, host, alias, buildOnly, websocket }) => ({
      rule,
      endpoint,
      methods,
      defaults,
      strictSlashes,
      mergeSlashes,
      redirectTo,
      subdomain,
      host,
      alias,
      buildOnly,
      websocket,
    }),
  );
  return { options: table.options, rules, diagnostics };
}
