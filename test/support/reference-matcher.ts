// A reference matcher for differential tests: Werkzeug's StateMachineMatcher written the obvious
// way (split the path, one RegExp per dynamic part, recursion with backtracking), over the same
// analysed route table the emitter uses. Only tests use it; it is slow and that is fine.
import type { AnalysedRule, RouteTable, RulePart } from "../../compiler/analyse.js";
import { compareWeights } from "../../compiler/analyse.js";
import { escapeJs } from "../../compiler/converters.js";
import { rt, type CompiledRoutes, type MatchState, type Params } from "wz/routing";

interface RefState {
  static: Map<string, RefState>;
  dynamic: Array<{ part: RulePart; regex: RegExp; state: RefState }>;
  rules: AnalysedRule[];
}

class SlashRequired {}

function partRegex(part: RulePart, rule: AnalysedRule): RegExp {
  const src = part.pieces
    .map((piece) => ("text" in piece ? escapeJs(piece.text) : `(${rule.variables[piece.converter]!.converter.jsRegex})`))
    .join("");
  return new RegExp(`^${src}${part.suffixed ? "(?<!/)(/?)" : ""}$`, "u");
}

/** A CompiledRoutes whose walk and convert interpret the table instead of running generated code. */
export function referenceRoutes(table: RouteTable, generated: CompiledRoutes): CompiledRoutes {
  const root: RefState = { static: new Map(), dynamic: [], rules: [] };
  for (const rule of table.rules) {
    if (rule.buildOnly) continue;
    let state = root;
    for (const part of rule.parts) {
      if (part.static) {
        let next = state.static.get(part.text);
        if (!next) state.static.set(part.text, (next = { static: new Map(), dynamic: [], rules: [] }));
        state = next;
      } else {
        let entry = state.dynamic.find((d) => d.part.key === part.key);
        if (!entry) {
          entry = { part, regex: partRegex(part, rule), state: { static: new Map(), dynamic: [], rules: [] } };
          state.dynamic.push(entry);
        }
        state = entry.state;
      }
    }
    state.rules.push(rule);
  }
  const sortAll = (s: RefState) => {
    s.dynamic.sort((a, b) => compareWeights(a.part.weight, b.part.weight));
    for (const n of s.static.values()) sortAll(n);
    for (const d of s.dynamic) sortAll(d.state);
  };
  sortAll(root);

  function walk(st: MatchState, domain: string, path: string): number {
    const method = st.m, websocket = st.ws;
    const fits = (rule: AnalysedRule) => rule.methods === null || rule.methods.includes(method);
    const visit = (state: RefState, parts: string[], values: string[]): [AnalysedRule, string[]] | null => {
      if (parts.length === 0) {
        for (const rule of state.rules) {
          if (!fits(rule)) st.allowed[st.na++] = rule.index;
          else if (rule.websocket !== websocket) st.wsMismatch = true;
          else return [rule, values];
        }
        const slash = state.static.get("");
        if (slash) {
          for (const rule of slash.rules) {
            if (rule.websocket === websocket && fits(rule)) {
              if (rule.strictSlashes) throw new SlashRequired();
              return [rule, values];
            }
          }
        }
        return null;
      }
      const [part, ...rest] = parts as [string, ...string[]];
      const next = state.static.get(part);
      if (next) {
        const found = visit(next, rest, values);
        if (found) return found;
      }
      for (const { part: dyn, regex, state: target } of state.dynamic) {
        let subject = part;
        let remaining = rest;
        if (dyn.final) {
          subject = parts.join("/");
          remaining = [];
        }
        const m = regex.exec(subject);
        if (!m) continue;
        let groups = m.slice(1);
        if (dyn.suffixed) {
          if (groups[groups.length - 1] === "/") remaining = [""];
          groups = groups.slice(0, -1);
        }
        const found = visit(target, remaining, [...values, ...groups]);
        if (found) return found;
      }
      if (parts.length === 1 && parts[0] === "") {
        for (const rule of state.rules) {
          if (rule.strictSlashes) continue;
          if (!fits(rule)) st.allowed[st.na++] = rule.index;
          else if (rule.websocket !== websocket) st.wsMismatch = true;
          else return [rule, values];
        }
      }
      return null;
    };
    try {
      const found = visit(root, [domain, ...path.split("/")], []);
      if (!found) return -1;
      found[1].forEach((v, k) => (st.s[k] = v));
      return found[0].index;
    } catch (e) {
      if (e instanceof SlashRequired) return -2;
      throw e;
    }
  }

  const convert = table.rules.map((rule) => (st: MatchState): Params | null => {
    const params: Params = {};
    for (const [k, variable] of rule.variables.entries()) {
      const value = generated.converters[variable.converterId]!.toValue(st.s[k]!);
      if (value === rt.INVALID) return null;
      params[variable.name] = value;
    }
    return Object.assign(params, rule.defaults ?? {});
  });
  return { ...generated, walk, convert };
}
