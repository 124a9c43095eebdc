// The exact-static table of a domain: one generated decision tree over the whole path, asked
// before the trie walk. What the compiler proves: Werkzeug's walk tries static transitions
// before dynamic ones at every state, so for a path made only of the static parts that lead to a
// state S, the first place the walk reaches the end of the path is S. There Werkzeug returns the
// first rule of S (in order) whose methods and websocket flag fit. So when the path equals such a
// text and one of S's rules fits, that rule is Werkzeug's answer; otherwise (no rule fits: a 405,
// a websocket mismatch, a slash redirect, or a dynamic rule may answer) the table returns -1 and
// the full walk decides. The tree: a switch on the path's length, then on the character that
// best tells the texts of that length apart, then one compare of the whole text. Measured: on
// fresh strings a generated switch beat a Map of whole paths (hashing a fresh string costs
// 50-90 ns).
import type { AnalysedRule } from "../analyse.js";
import type { State } from "../tree.js";
import { commentText, str, textAt, type Texts } from "./code.js";

/** Leaves (text compares) one generated function holds before a subtree becomes a function. */
const LEAVES_PER_FUNCTION = 10;

/** `<rule> <methods>` for the comment beside a `return <rule index>`. */
export function ruleNote(rule: AnalysedRule): string {
  return commentText(`${rule.rule}${rule.methods ? " " + rule.methods.join(",") : ""}${rule.websocket ? " (websocket)" : ""}`);
}

interface Key {
  text: string;
  rules: AnalysedRule[];
}

/**
 * The exact-static table function `name(st, p, n)` of the state after a domain part, and the
 * functions it calls; null when no path there is all static.
 */
export function staticTable(domainState: State, name: string, texts: Texts): { lines: string[]; functions: number } | null {
  const keys: Key[] = [];
  const visit = (state: State, text: string) => {
    // methods=[] fits no request: such a rule never answers here.
    const rules = state.rules.filter((rule) => !rule.methods || rule.methods.length > 0);
    if (rules.length) keys.push({ text, rules });
    for (const [part, next] of state.static) visit(next, `${text}/${part}`);
  };
  // The domain state's child is the path's leading "" segment: no "/" before it.
  for (const [part, next] of domainState.static) visit(next, part);
  if (!keys.length) return null;
  return new StaticTableEmitter(texts).emit(name, keys);
}

class StaticTableEmitter {
  private readonly functions: string[][] = [];
  private leaves = 0;

  constructor(private readonly texts: Texts) {}

  emit(name: string, keys: Key[]): { lines: string[]; functions: number } {
    const byLength = new Map<number, Key[]>();
    for (const key of keys) byLength.set(key.text.length, [...(byLength.get(key.text.length) ?? []), key]);
    const lines = [
      `// Exact static paths (compiler/emit/static-table.ts): a rule returned here is Werkzeug's answer; -1 leaves it to the walk.`,
      `function ${name}(st: MatchState, p: string, n: number): number {`,
      `  switch (n) {`,
    ];
    this.leaves = 0;
    for (const [length, group] of [...byLength].sort((a, b) => a[0] - b[0])) {
      lines.push(`    case ${length}:`);
      lines.push(...this.subtree(group, `${name}_${length}`).map((l) => "      " + l));
    }
    lines.push(`  }`, `  return -1;`, `}`, ``);
    for (const fn of this.functions) lines.push(...fn);
    return { lines, functions: 1 + this.functions.length };
  }

  /** Code for keys of one length, inline while the function has room, else a call to `name`. */
  private subtree(keys: Key[], name: string): string[] {
    if (this.leaves + keys.length <= LEAVES_PER_FUNCTION || keys.length === 1) {
      this.leaves += keys.length;
      return this.decide(keys, name);
    }
    const outer = this.leaves;
    this.leaves = 0;
    const body = this.decide(keys, name);
    this.leaves = outer;
    this.functions.push([`function ${name}(st: MatchState, p: string): number {`, ...body.map((l) => "  " + l), `}`, ``]);
    return [`return ${name}(st, p);`];
  }

  /** A switch on the most telling character until one text is left, then its compare. */
  private decide(keys: Key[], name: string): string[] {
    if (keys.length === 1) return this.leaf(keys[0]!);
    const length = keys[0]!.text.length;
    let best = 0,
      bestCount = 0;
    for (let at = 0; at < length; at++) {
      const count = new Set(keys.map((k) => k.text.charCodeAt(at))).size;
      if (count > bestCount) {
        best = at;
        bestCount = count;
      }
    }
    const byChar = new Map<number, Key[]>();
    for (const key of keys) {
      const c = key.text.charCodeAt(best);
      byChar.set(c, [...(byChar.get(c) ?? []), key]);
    }
    const lines = [`switch (p.charCodeAt(${best})) {`];
    for (const [c, group] of [...byChar].sort((a, b) => a[0] - b[0])) {
      lines.push(`  case ${c}: // ${commentText(String.fromCharCode(c))}`);
      lines.push(...this.subtree(group, `${name}_${c}`).map((l) => "    " + l));
    }
    lines.push(`}`, `return -1;`);
    return lines;
  }

  /** The whole text compared, then the state's rules in Werkzeug's order. */
  private leaf(key: Key): string[] {
    const verify = textAt(key.text, "0", this.texts) || "true";
    const lines = [`if (${verify}) { // ${commentText(key.text)}`];
    for (const rule of key.rules) {
      const method = rule.methods ? "(" + rule.methods.map((m) => `st.m === ${str(m)}`).join(" || ") + ") && " : "";
      lines.push(`  if (${method}${rule.websocket ? "st.ws" : "!st.ws"}) return ${rule.index}; // ${ruleNote(rule)}`);
    }
    lines.push(`}`, `return -1;`);
    return lines;
  }
}
