// The rule table in compact tuples (expanded at import by runtime/routing/rule-table.ts), with
// methods lists shared.
import type { RouteTable, TraceOp } from "../analyse.js";
import { quotePath } from "../../runtime/routing/url.js";
import { key, str } from "./code.js";

export function ruleTable(table: RouteTable): string[] {
  const methodLists = new Map<string, string>();
  const lines: string[] = [];
  for (const rule of table.rules) {
    if (!rule.methods) continue;
    const text = JSON.stringify(rule.methods);
    if (!methodLists.has(text)) {
      methodLists.set(text, `M${methodLists.size}`);
      lines.push(`const M${methodLists.size - 1} = ${text};`);
    }
  }
  const defaultSubdomain = table.options.defaultSubdomain;
  lines.push(`// [rule, endpoint, methods, flags (1 strictSlashes, 2 mergeSlashes, 4 alias, 8 buildOnly, 16 websocket), variables -> converter, path]`);
  lines.push(`const RULES: RuleInfo[] = rt.expandRules(${str(defaultSubdomain)}, [`);
  for (const rule of table.rules) {
    const flags = (rule.strictSlashes ? 1 : 0) | (rule.mergeSlashes ? 2 : 0) | (rule.alias ? 4 : 0) | (rule.buildOnly ? 8 : 0) | (rule.websocket ? 16 : 0);
    const names = rule.variables.map((v) => v.name);
    const vars = `{ ${rule.variables.map((v) => `${key(v.name)}: ${v.converterId}`).join(", ")} }`.replace("{  }", "{}");
    const extras: string[] = [];
    if (rule.defaults)
      extras.push(
        `defaults: { ${Object.entries(rule.defaults)
          .map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`)
          .join(", ")} }`,
      );
    if (rule.redirectTo !== null) extras.push(`redirectTo: ${str(rule.redirectTo)}`);
    if (rule.subdomain !== defaultSubdomain) extras.push(`subdomain: ${str(rule.subdomain)}`);
    if (rule.host !== null) extras.push(`host: ${str(rule.host)}`);
    if (rule.domainTrace.length) extras.push(`domain: ${compactOps(rule.domainTrace, names)}`);
    const fields = [
      str(rule.rule),
      rule.endpoint === null ? "null" : str(rule.endpoint),
      rule.methods ? methodLists.get(JSON.stringify(rule.methods))! : "null",
      String(flags),
      vars,
      compactOps(rule.pathTrace, names),
      ...(extras.length ? [`{ ${extras.join(", ")} }`] : []),
    ];
    lines.push(`  [${fields.join(", ")}],`);
  }
  lines.push(`]);`, ``);
  return lines;
}

/** Build steps: percent-encoded literal text, or the index of a variable (in `names`). */
function compactOps(trace: TraceOp[], names: string[]): string {
  const ops: string[] = [];
  let text = "";
  for (const op of trace) {
    if (op.dynamic) {
      if (text) ops.push(str(text));
      text = "";
      ops.push(String(names.indexOf(op.data)));
    } else {
      text += quotePath(op.data);
    }
  }
  if (text) ops.push(str(text));
  return `[${ops.join(", ")}]`;
}
