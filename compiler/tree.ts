// Werkzeug's StateMachineMatcher trie: static transitions by exact text, dynamic transitions
// (one per distinct part) sorted by weight, and the rules that end at each state.
import { compareWeights, type AnalysedRule, type RulePart } from "./analyse.js";

export interface State {
  id: number;
  /** Number of variables consumed on the way here (the slot of the next one). */
  depth: number;
  static: Map<string, State>;
  dynamic: Array<{ part: RulePart; state: State }>;
  rules: AnalysedRule[];
}

export function buildTree(rules: readonly AnalysedRule[]): { root: State; states: State[] } {
  const states: State[] = [];
  const make = (depth: number): State => {
    const state: State = { id: states.length, depth, static: new Map(), dynamic: [], rules: [] };
    states.push(state);
    return state;
  };
  const root = make(0);
  for (const rule of rules) {
    if (rule.buildOnly) continue;
    let state = root;
    for (const part of rule.parts) {
      if (part.static) {
        let next = state.static.get(part.text);
        if (!next) state.static.set(part.text, (next = make(state.depth)));
        state = next;
      } else {
        let next = state.dynamic.find((d) => d.part.key === part.key)?.state;
        if (!next) {
          const converters = part.pieces.filter((p) => "converter" in p).length;
          next = make(state.depth + converters);
          state.dynamic.push({ part, state: next });
        }
        state = next;
      }
    }
    state.rules.push(rule);
  }
  // Array.prototype.sort is stable: ties keep insertion order, as Python's sort does.
  for (const state of states) state.dynamic.sort((a, b) => compareWeights(a.part.weight, b.part.weight));
  return { root, states };
}

/** Any rule through a state: the dynamic parts of a state are classified by a rule that uses them. */
export function sampleRule(state: State): AnalysedRule {
  const stack = [state];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.rules.length) return s.rules[0]!;
    for (const next of s.static.values()) stack.push(next);
    for (const d of s.dynamic) stack.push(d.state);
  }
  throw new Error("wz-compile: a matcher state without rules");
}
