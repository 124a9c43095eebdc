// Rules grouped by endpoint, for the builders and the types.
import type { AnalysedRule, RouteTable } from "../analyse.js";

export function rulesByEndpoint(table: RouteTable): Map<string, AnalysedRule[]> {
  const byEndpoint = new Map<string, AnalysedRule[]>();
  for (const rule of table.rules) {
    if (rule.endpoint === null) continue;
    const list = byEndpoint.get(rule.endpoint) ?? [];
    list.push(rule);
    byEndpoint.set(rule.endpoint, list);
  }
  return byEndpoint;
}
