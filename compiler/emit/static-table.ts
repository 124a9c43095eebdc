// The exact-static table of a domain: one generated decision tree over the whole path, asked
// before the trie walk. What the compiler proves: Werkzeug's walk tries static transitions
// before dynamic ones at every state, so for a path made only of the static parts that lead to a
// state S, the first place the walk reaches the end of the path is S. There Werkzeug returns the
// first rule of S (in order) whose methods and websocket flag fit. So when the path equals such a
// text and one of S's rules fits, that rule is Werkzeug's answer.
//
// When none fits (a 405, a websocket mismatch, a slash redirect), the walk goes on: S's "" child
// (the slash redirect), then, backing out, every dynamic transition of the states on the way
// (and the root's, against the domain), and at a trailing "" segment the non-strict rules of
// the state before it. Built-in converters are fixed regexes of the text, so the compiler tests
// each of those dynamic transitions against the key's own segment: when none can match, the
// answer for every method is known from S (and those two rule lists) alone, and the table
// records the 405 methods and websocket mismatch exactly as the walk would and answers without
// it. A custom converter (its regex is the user's) or a final part (it reads the rest of the
// path) leaves the key to the walk, as does any transition that matches.
//
// The tree: a switch on the path's length, then on the character that best tells the texts of
// that length apart, then one compare of the whole text. Measured: on fresh strings a generated
// switch beat a Map of whole paths (hashing a fresh string costs 50-90 ns).
import type { AnalysedRule } from "../analyse.js";
import { sampleRule, type State } from "../tree.js";
import { commentText, str, textAt, type Texts } from "./code.js";
import type { DynamicParts } from "./parts.js";

/** The table's answer when it cannot tell: the walk decides. */
export const UNDECIDED = -3;

/** Leaves (text compares) one generated function holds before a subtree becomes a function. */
const LEAVES_PER_FUNCTION = 10;

/** `<rule> <methods>` for the comment beside a `return <rule index>`. */
export function ruleNote(rule: AnalysedRule): string {
  return commentText(`${rule.rule}${rule.methods ? " " + rule.methods.join(",") : ""}${rule.websocket ? " (websocket)" : ""}`);
}

interface Key {
  text: string;
  rules: AnalysedRule[];
  /** Proven: the walk's remaining checks when none of `rules` fits (see above); null: the walk decides. */
  rest: string[] | null;
  /**
   * Where the text's last segment starts, less one (its "/"), when a path that equals the text but
   * for a last segment without "/" is proven a miss (see `lastSegmentAlone`); -1 otherwise.
   */
  lastSlash: number;
}

/**
 * Whether a path that is not a key, has the key's text up to its last "/" and then a segment
 * without "/", is a plain miss for Werkzeug (-1, nothing noted). The walk reaches `before` (the
 * state ahead of the last segment) by the same static steps as for the key, then tries the last
 * segment: a static child whose text it is would be a key (the path would have been found) or a
 * state without rules, where the walk ends with nothing unless a "" child holds rules (a slash
 * redirect: not proven); a dynamic child could take it (not proven). Backing out, every dynamic
 * transition on the way is proven not to match (the key's `rest`), and a trailing "" segment is
 * not there. With no "//" in the text and none in the last segment, the path has no empty segment:
 * no merge-slashes retry. So the table answers a 404 whose last segment differs ("/docs/instal",
 * "/docs/intsall") without the walk.
 */
function lastSegmentAlone(text: string, before: State, proven: boolean): number {
  const last = text.lastIndexOf("/");
  if (!proven || last === -1 || last === text.length - 1 || text.includes("//") || before.dynamic.length) return -1;
  for (const child of before.static.values()) if (!child.rules.length && child.static.get("")?.rules.length) return -1;
  return last;
}

/** A condition on `st.m` for a rule's methods ("" for any method, "false" for none). */
export function methodCondition(rule: AnalysedRule): string {
  if (!rule.methods) return "";
  if (rule.methods.length === 0) return "false";
  return "(" + rule.methods.map((m) => `st.m === ${str(m)}`).join(" || ") + ")";
}

/** Werkzeug's loop over `state.rules` at the end of the path (or, non-strict only, at a trailing `/`). */
export function ruleChecks(rules: readonly AnalysedRule[], nonStrictOnly: boolean): string[] {
  const lines: string[] = [];
  for (const rule of rules) {
    if (nonStrictOnly && rule.strictSlashes) continue;
    const ws = rule.websocket ? "st.ws" : "!st.ws";
    const method = methodCondition(rule);
    const note = ` // ${ruleNote(rule)}`;
    if (method === "false") {
      // methods=[]: never matches, never counts for a 405
    } else if (method) {
      lines.push(`if (!${method}) st.allowed[st.na++] = ${rule.index}; else if (${ws}) return ${rule.index}; else st.wsMismatch = true;${note}`);
    } else {
      lines.push(`if (${ws}) return ${rule.index}; st.wsMismatch = true;${note}`);
    }
  }
  return lines;
}

/** Werkzeug's checks when the path ends at `state`: its rules, then its "" child's (a slash redirect or a non-strict match). */
export function endChecks(state: State): string[] {
  const lines = ruleChecks(state.rules, false);
  for (const rule of state.static.get("")?.rules ?? []) {
    const cond = [rule.websocket ? "st.ws" : "!st.ws", methodCondition(rule)].filter(Boolean).join(" && ");
    lines.push(`if (${cond}) return ${rule.strictSlashes ? -2 : rule.index}; // ${rule.strictSlashes ? "redirect to add a slash: " : ""}${ruleNote(rule)}`);
  }
  return lines;
}

/** Whether a state's dynamic transitions provably cannot match `segment` (a whole, non-final part). */
export function noDynamicMatch(state: State, segment: string, parts: DynamicParts): boolean {
  for (const { part, state: next } of state.dynamic) {
    const regex = part.final ? null : parts.builtinRegex(part, sampleRule(next));
    if (regex === null || regex.test(segment)) return false;
  }
  return true;
}

/**
 * The exact-static table function `name(st, p, n)` of the state after the domain part `domain`
 * (a static child of `root`), and the functions it calls; null when no path there is all static.
 * It returns a rule index, -1 or -2 as the walk would, or UNDECIDED.
 */
export function staticTable(
  root: State,
  domain: string,
  domainState: State,
  name: string,
  texts: Texts,
  parts: DynamicParts,
): { lines: string[]; functions: number; lengths: number[] } | null {
  const keys: Key[] = [];
  // `provable`: every dynamic transition met on the way (root against the domain, then each
  // state against the segment after it) cannot match, so far.
  const visit = (state: State, text: string, before: State, provable: boolean) => {
    // methods=[] fits no request: such a rule never answers here.
    const rules = state.rules.filter((rule) => !rule.methods || rule.methods.length > 0);
    if (state.rules.length) {
      let rest: string[] | null = null;
      if (provable) {
        rest = endChecks(state);
        // A trailing "" segment: the state before it is tried with parts == [""] on the way back.
        if (text.endsWith("/")) rest.push(...ruleChecks(before.rules, true));
        // A key with an empty segment inside: merging slashes could change the answer.
        if (text.includes("//")) rest.push(`st.noRetry = false;`);
        rest.push(`return -1;`);
      }
      keys.push({ text, rules, rest, lastSlash: lastSegmentAlone(text, before, rest !== null) });
    }
    for (const [part, next] of state.static) visit(next, `${text}/${part}`, state, provable && noDynamicMatch(state, part, parts));
  };
  const rootClear = noDynamicMatch(root, domain, parts) && noDynamicMatch(domainState, "", parts);
  // The domain state's child is the path's leading "" segment: no "/" before it.
  for (const [part, next] of domainState.static) visit(next, part, domainState, rootClear && part === "");
  if (!keys.length) return null;
  return new StaticTableEmitter(texts).emit(name, keys);
}

class StaticTableEmitter {
  private readonly functions: string[][] = [];
  private leaves = 0;

  constructor(private readonly texts: Texts) {}

  emit(name: string, keys: Key[]): { lines: string[]; functions: number; lengths: number[] } {
    const byLength = new Map<number, Key[]>();
    for (const key of keys) byLength.set(key.text.length, [...(byLength.get(key.text.length) ?? []), key]);
    const lines = [
      `// Exact static paths (compiler/emit/static-table.ts): what this returns is Werkzeug's answer; ${UNDECIDED} leaves it to the walk.`,
      `function ${name}(st: MatchState, p: string, n: number): number {`,
      `  switch (n) {`,
    ];
    this.leaves = 0;
    for (const [length, group] of [...byLength].sort((a, b) => a[0] - b[0])) {
      lines.push(`    case ${length}:`);
      lines.push(...this.subtree(group, `${name}_${length}`).map((l) => "      " + l));
    }
    lines.push(`  }`, `  return ${UNDECIDED};`, `}`, ``);
    for (const fn of this.functions) lines.push(...fn);
    return { lines, functions: 1 + this.functions.length, lengths: [...byLength.keys()] };
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
    lines.push(`}`, `return ${UNDECIDED};`);
    return lines;
  }

  /** The whole text compared, then the state's rules in Werkzeug's order (and, proven, the rest of the walk's checks). */
  private leaf(key: Key): string[] {
    const verify = textAt(key.text, "0", this.texts) || "true";
    const lines = [`if (${verify}) { // ${commentText(key.text)}`];
    if (key.rest) {
      lines.push(...key.rest.map((l) => "  " + l));
    } else {
      for (const rule of key.rules) {
        const method = rule.methods ? methodCondition(rule) + " && " : "";
        lines.push(`  if (${method}${rule.websocket ? "st.ws" : "!st.ws"}) return ${rule.index}; // ${ruleNote(rule)}`);
      }
    }
    lines.push(`}`);
    if (key.lastSlash !== -1) {
      const at = key.lastSlash;
      const prefix = textAt(key.text.slice(0, at), "0", this.texts);
      const test = [`p.charCodeAt(${at}) === 47`, prefix, `p.indexOf("/", ${at + 1}) === -1`].filter(Boolean).join(" && ");
      lines.push(`if (${test}) return -1; // another last segment after ${commentText(key.text.slice(0, at + 1))}: a 404`);
    }
    lines.push(`return ${UNDECIDED};`);
    return lines;
  }
}
