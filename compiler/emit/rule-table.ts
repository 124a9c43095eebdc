// The rule table: compact tuples as JSON, one rule per line, in a template literal (expanded at
// import by runtime/routing/rule-table.ts), with methods lists shared.
import type { AnalysedRule, RouteTable, TraceOp } from "../analyse.js";
import { quotePath } from "../../runtime/routing/url.js";
import { str } from "./code.js";

/** Watch mode's rows from the previous save, by what a row is made from (see rowKey). */
export type RuleRows = Map<string, string>;

/** `cache`: the previous save's rows (watch mode), replaced by this table's. */
export function ruleTable(table: RouteTable, cache?: { rows?: RuleRows }): string[] {
  // Lists by text, and by identity first: the analysis shares equal lists between rules.
  const methodLists = new Map<string, number>();
  const listIndex = new Map<readonly string[], number>();
  for (const rule of table.rules) {
    if (rule.methods === null || listIndex.has(rule.methods)) continue;
    const text = JSON.stringify(rule.methods);
    if (!methodLists.has(text)) methodLists.set(text, methodLists.size);
    listIndex.set(rule.methods, methodLists.get(text)!);
  }
  const defaultSubdomain = table.options.defaultSubdomain;
  const previous = cache?.rows;
  const rows: RuleRows = new Map();
  let json = "";
  for (const rule of table.rules) {
    const methods = rule.methods === null ? null : listIndex.get(rule.methods)!;
    // A rule reused from the analysis cache keeps its contentId: the same id, converter ids,
    // methods list and default subdomain make the same row.
    const key = previous === undefined ? "" : rowKey(rule, methods, defaultSubdomain);
    let row = previous?.get(key);
    if (row === undefined) row = ruleRow(rule, methods, defaultSubdomain);
    if (cache !== undefined) rows.set(key, row);
    json += (json ? ",\n" : "\n") + row;
  }
  if (cache !== undefined) cache.rows = rows;
  return [
    `// [rule, endpoint, methods (index into the lists before), flags (1 strictSlashes, 2 mergeSlashes, 4 alias, 8 buildOnly, 16 websocket), variables -> converter, path, extras], one rule per line`,
    `const RULES: RuleInfo[] = rt.expandRules(${str(defaultSubdomain)}, [${[...methodLists.keys()].join(", ")}], \`[${templateText(json)}\n]\`);`,
    ``,
  ];
}

const rowKey = (rule: AnalysedRule, methods: number | null, defaultSubdomain: string): string =>
  `${rule.contentId}:${methods}:${rule.variables.map((v) => v.converterId).join(",")}:${defaultSubdomain}`;

/** One rule's tuple as JSON (runtime/routing/rule-table.ts RuleTuple). */
function ruleRow(rule: AnalysedRule, methods: number | null, defaultSubdomain: string): string {
  const flags = (rule.strictSlashes ? 1 : 0) | (rule.mergeSlashes ? 2 : 0) | (rule.alias ? 4 : 0) | (rule.buildOnly ? 8 : 0) | (rule.websocket ? 16 : 0);
  const names = rule.variables.map((v) => v.name);
  const vars: Record<string, number> = Object.create(null); // a variable may be named __proto__
  for (const v of rule.variables) vars[v.name] = v.converterId;
  const extras: Record<string, unknown> = {};
  if (rule.defaults) extras.defaults = rule.defaults;
  if (rule.redirectTo !== null) extras.redirectTo = rule.redirectTo;
  if (rule.subdomain !== defaultSubdomain) extras.subdomain = rule.subdomain;
  if (rule.host !== null) extras.host = rule.host;
  if (rule.domainTrace.length) extras.domain = compactOps(rule.domainTrace, names);
  const tuple: unknown[] = [rule.rule, rule.endpoint, methods, flags, vars, compactOps(rule.pathTrace, names)];
  if (Object.keys(extras).length) tuple.push(extras);
  return JSON.stringify(tuple);
}

/** Build steps: percent-encoded literal text, or the index of a variable (in `names`). */
function compactOps(trace: TraceOp[], names: string[]): Array<string | number> {
  const ops: Array<string | number> = [];
  let text = "";
  for (const op of trace) {
    if (op.dynamic) {
      if (text) ops.push(text);
      text = "";
      ops.push(names.indexOf(op.data));
    } else {
      text += quotePath(op.data);
    }
  }
  if (text) ops.push(text);
  return ops;
}

/** Text for the inside of a template literal that evaluates to exactly `text`. */
const templateText = (text: string): string => text.replace(/\\|`|\$\{/g, (m) => "\\" + m);
