// Rules grouped by endpoint, for the endpoint types, and what watch mode keeps of their
// emitted lines between saves.
import type { AnalysedRule, RouteTable } from "../analyse.js";

/** The grouping is made once per table. */
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

/** Lines emitted for one endpoint, with the signature of the rules they were made from. */
export type EndpointPieces<T> = Map<string, { signature: string; pieces: T }>;

/**
 * What emitted an endpoint's lines: its rules' analyses (a rule reused from the analysis cache
 * keeps its id) and their converter ids. Equal signature, equal lines.
 */
export function endpointSignature(rules: readonly AnalysedRule[]): string {
  let signature = "";
  for (const rule of rules) signature += `${rule.contentId}:${rule.variables.map((v) => v.converterId).join(",")};`;
  return signature;
}

/**
 * The pieces of each endpoint, from `previous` where its signature is unchanged, else made; the
 * returned map holds exactly this table's endpoints (the next save's `previous`). Without
 * `previous` (a one-off compile) no signature is computed.
 */
export function piecesByEndpoint<T>(
  byEndpoint: Map<string, AnalysedRule[]>,
  previous: EndpointPieces<T> | undefined,
  make: (endpoint: string, rules: AnalysedRule[]) => T,
): EndpointPieces<T> {
  const next: EndpointPieces<T> = new Map();
  for (const [endpoint, rules] of byEndpoint) {
    const signature = previous === undefined ? "" : endpointSignature(rules);
    const known = previous?.get(endpoint);
    next.set(endpoint, known !== undefined && known.signature === signature ? known : { signature, pieces: make(endpoint, rules) });
  }
  return next;
}
