// The convert functions: after the walk chose a rule, its values are cut from the path (or read
// from regex groups), converted, and merged with the rule's defaults. One function per distinct
// body: rules with the same variables and converters share one.
import type { AnalysedRule, RouteTable } from "../analyse.js";
import { key } from "./code.js";
import type { DynamicParts } from "./parts.js";

export interface ConvertFunctions {
  lines: string[];
  /** The convert function of each rule, by rule index. */
  names: string[];
}

/** Watch mode's convert bodies from the previous save, by what a body is made from (see bodyKey). */
export type ConvertBodies = Map<string, string>;

/** `cache`: the previous save's bodies (watch mode), replaced by this table's. */
export function convertFunctions(table: RouteTable, parts: DynamicParts, cache?: { converts?: ConvertBodies }): ConvertFunctions {
  const lines: string[] = [];
  const byBody = new Map<string, string>();
  const previous = cache?.converts;
  const bodies: ConvertBodies = new Map();
  const names = table.rules.map((rule) => {
    const slotKinds = parts.slotKinds(rule);
    // A rule reused from the analysis cache keeps its contentId: with the same converter ids and
    // slot kinds it has the same body.
    const key = previous === undefined ? "" : `${rule.contentId}:${rule.variables.map((v) => v.converterId).join(",")}:${slotKinds.join(",")}`;
    let text = previous?.get(key);
    if (text === undefined) text = convertBody(rule, slotKinds).join("\n");
    if (cache !== undefined) bodies.set(key, text);
    let name = byBody.get(text);
    if (name === undefined) {
      name = `c${byBody.size}`;
      byBody.set(text, name);
      lines.push(`function ${name}(st: MatchState, d: string, p: string): Params | null {`, text, `}`, ``);
    }
    return name;
  });
  if (cache !== undefined) cache.converts = bodies;
  return { lines, names };
}

/** Converts the walked values of one rule and merges its defaults. */
function convertBody(rule: AnalysedRule, slotKinds: ReadonlyArray<"pos" | "regex">): string[] {
  const lines: string[] = [];
  const fields: string[] = [];
  rule.variables.forEach((variable, k) => {
    const s = variable.inDomain ? "d" : "p";
    const raw = slotKinds[k] === "regex" ? `st.s[${k}]!` : `${s}.slice(st.v[${2 * k}], st.v[${2 * k + 1}])`;
    const spec = variable.converter;
    if (rule.defaults && Object.hasOwn(rule.defaults, variable.name)) {
      // Werkzeug converts the value (a refusal is still a 404) and then lets the default win.
      if (spec.kind === "int" || spec.kind === "float" || spec.kind === "custom") {
        lines.push(`  if (C${variable.converterId}.toValue(${raw}) === INVALID) return null;`);
      }
      return;
    }
    if (spec.kind === "string" || spec.kind === "path" || spec.kind === "any") {
      fields.push(`${key(variable.name)}: ${raw}`);
    } else if (spec.kind === "uuid") {
      fields.push(`${key(variable.name)}: ${raw}.toLowerCase()`);
    } else {
      lines.push(`  const v${k} = C${variable.converterId}.toValue(${raw});`, `  if (v${k} === INVALID) return null;`);
      fields.push(`${key(variable.name)}: v${k}`);
    }
  });
  for (const [name, value] of Object.entries(rule.defaults ?? {})) fields.push(`${key(name)}: ${JSON.stringify(value)}`);
  lines.push(`  return { ${fields.join(", ")} };`);
  return lines;
}
