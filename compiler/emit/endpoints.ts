// Rules grouped by endpoint, for the builders and the types.
import type { AnalysedRule, RouteTable } from "../analyse.js";

/** Both the builders and the types read the grouping; it is made once per table. */
const grouped = new WeakMap<RouteTable, Map<string, AnalysedRule[]>>();

export function rulesByEndpoint(table: RouteTable): Map<string, AnalysedRule[]> {
  const known = grouped.get(table);
  if (known !== undefined) return known;
  const byEndpoint = new Map<string, AnalysedRule[]>();
  grouped.set(table, byEndpoint);
  for (const rule of table.rules) {
    if (rule.endpoint === null) continue;
    const list = byEndpoint.get(rule.endpoint) ?? [];
    list.push(rule);
    byEndpoint.set(rule.endpoint, list);
  }
  return byEndpoint;
}
