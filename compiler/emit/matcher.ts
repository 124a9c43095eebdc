// The matcher functions: every trie state becomes code that tests its static children (by
// segment length, then text), then its dynamic children in weight order, returning a rule index,
// -1 (no rule: the caller tries its next alternative) or -2 (a strict-slash redirect, which ends
// the search as Werkzeug's SlashRequired does). Segments are positions in the path string: no
// split, no slicing until a rule is chosen, and no RegExp for built-in converters unless a
// segment holds several converters.
import type { AnalysedRule, RouteTable, RulePart } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";
import { buildTree, type State } from "../tree.js";
import { append, str, textAt } from "./code.js";
import type { DynamicParts } from "./parts.js";

/**
 * Subtrees of at most this many states are inlined into their parent's function, so a function
 * covers a small subtree and runs often enough to be optimized. (Capping a function's total
 * instead made 10k-route tables slower: more, colder functions.)
 */
const INLINE_STATES = 32;

export interface MatcherFunctions {
  lines: string[];
  /** `walk` and the state functions. */
  functionCount: number;
}

export function matcherFunctions(table: RouteTable, parts: DynamicParts): MatcherFunctions {
  return new MatcherEmitter(table, parts).emit();
}

class MatcherEmitter {
  private readonly root: State;
  /** States whose function is referenced, in order of first reference. */
  private readonly queue: State[] = [];
  private readonly queued = new Set<State>();
  private readonly sizes = new Map<State, number>();

  constructor(
    private readonly table: RouteTable,
    private readonly parts: DynamicParts,
  ) {
    this.root = buildTree(table.rules).root;
  }

  emit(): MatcherFunctions {
    const lines: string[] = [];
    append(lines, this.walkFunction());
    // States are emitted as they are referenced: states folded into a parent's test (a chain of
    // static segments) get no function of their own.
    for (let k = 0; k < this.queue.length; k++) append(lines, this.stateFunction(this.queue[k]!));
    return { lines, functionCount: this.queue.length + 1 };
  }

  /** Any rule through a state: the dynamic parts of a state are classified by a rule that uses them. */
  private sampleRule(state: State): AnalysedRule {
    const stack = [state];
    while (stack.length) {
      const s = stack.pop()!;
      if (s.rules.length) return s.rules[0]!;
      for (const next of s.static.values()) stack.push(next);
      for (const d of s.dynamic) stack.push(d.state);
    }
    throw new Error("wz-compile: a matcher state without rules");
  }

  private walkFunction(): string[] {
    const root = this.root;
    const lines = [`function walk(st: MatchState, d: string, p: string): number {`, `  let r: number;`];
    // Inlined path states read the path length.
    if (root.static.size > 0 || root.dynamic.length > 0) lines.splice(1, 0, `  const n = p.length;`);
    for (const [text, next] of root.static) {
      lines.push(`  if (d === ${str(text)}) {`);
      append(lines, this.enter(next, "0").map((l) => "    " + l));
      lines.push(`  }`);
    }
    for (const { part, state } of root.dynamic) {
      append(lines, this.dynamicTest(part, state, root.depth, "d", "0", "d.length", "0").map((l) => "  " + l));
    }
    lines.push(`  return -1;`, `}`, ``);
    return lines;
  }

  /** The name of a state's function, queuing it for emission. */
  private ref(state: State): string {
    if (!this.queued.has(state)) {
      this.queued.add(state);
      this.queue.push(state);
    }
    return `s${state.id}`;
  }

  private stateFunction(state: State): string[] {
    const iv = `i${state.id}`;
    const lines = [`function s${state.id}(st: MatchState, p: string, ${iv}: number): number {`, `  const n = p.length;`, `  let r: number;`];
    append(lines, this.stateBody(state, iv, null).map((l) => "  " + l));
    lines.push(`  return -1;`, `}`, ``);
    return lines;
  }

  /** Number of states in a subtree, to decide between inlining it and calling a function. */
  private subtreeSize(state: State): number {
    let size = this.sizes.get(state);
    if (size === undefined) {
      size = 1;
      for (const next of state.static.values()) size += this.subtreeSize(next);
      for (const d of state.dynamic) size += this.subtreeSize(d.state);
      this.sizes.set(state, size);
    }
    return size;
  }

  /**
   * The walk into `next` with its index at `expr`. Small subtrees are inlined as a labelled block
   * (`break` is "no match here, try the next alternative"; a result returns from the function,
   * as a called state's result would be returned by its caller): each function then covers a
   * whole subtree and runs often enough for V8 to optimize it, where a function per state left
   * the states of large tables cold. Large subtrees stay functions, so none grows too big.
   */
  private enter(next: State, expr: string): string[] {
    const size = this.subtreeSize(next);
    if (size > INLINE_STATES) return [`if ((r = ${this.ref(next)}(st, p, ${expr})) !== -1) return r;`];
    const label = `b${next.id}`;
    const iv = `i${next.id}`;
    return [`${label}: {`, `  const ${iv} = ${expr};`, ...this.stateBody(next, iv, label).map((l) => "  " + l), `}`];
  }

  /** A state's tests with its index in `iv`; `label` is the block to leave on no match (null: return -1). */
  private stateBody(state: State, iv: string, label: string | null): string[] {
    const fail = label ? `break ${label};` : `return -1;`;
    const lines: string[] = [];
    const atEnd = this.ruleChecks(state.rules, false);
    const slashChild = state.static.get("");
    if (slashChild) {
      for (const rule of slashChild.rules) {
        const cond = [rule.websocket ? "st.ws" : "!st.ws", this.methodCondition(rule)].filter(Boolean).join(" && ");
        atEnd.push(`if (${cond}) return ${rule.strictSlashes ? -2 : rule.index};`);
      }
    }
    if (atEnd.length) lines.push(`if (${iv} > n) {`, ...atEnd.map((l) => "  " + l), `  ${fail}`, `}`);
    else lines.push(`if (${iv} > n) ${fail}`);
    if (state.dynamic.some((d) => !d.part.final)) {
      const ev = `e${state.id}`;
      lines.push(`let ${ev} = p.indexOf("/", ${iv});`, `if (${ev} === -1) ${ev} = n;`);
    }
    append(lines, this.staticTests(state, iv));
    for (const { part, state: next } of state.dynamic) {
      append(lines, this.dynamicTest(part, next, state.depth, "p", iv, `e${state.id}`, `e${state.id} + 1`));
    }
    const nonStrict = this.ruleChecks(state.rules, true);
    if (nonStrict.length) lines.push(`if (${iv} === n) {`, ...nonStrict.map((l) => "  " + l), `}`);
    return lines;
  }

  private methodCondition(rule: AnalysedRule): string {
    if (!rule.methods) return "";
    if (rule.methods.length === 0) return "false";
    return "(" + rule.methods.map((m) => `st.m === ${str(m)}`).join(" || ") + ")";
  }

  /** Werkzeug's loop over `state.rules` at the end of the path (or, non-strict only, at a trailing `/`). */
  private ruleChecks(rules: AnalysedRule[], nonStrictOnly: boolean): string[] {
    const lines: string[] = [];
    for (const rule of rules) {
      if (nonStrictOnly && rule.strictSlashes) continue;
      const ws = rule.websocket ? "st.ws" : "!st.ws";
      const method = this.methodCondition(rule);
      if (method === "false") {
        // methods=[]: never matches, never counts for a 405
      } else if (method) {
        lines.push(`if (!${method}) st.allowed[st.na++] = ${rule.index}; else if (${ws}) return ${rule.index}; else st.wsMismatch = true;`);
      } else {
        lines.push(`if (${ws}) return ${rule.index}; st.wsMismatch = true;`);
      }
    }
    return lines;
  }

  /**
   * Static children, tested in place: a switch on the segment's first character, the other
   * characters by code, then the segment must end there (a `/` or the end of the path). No
   * `indexOf`, no string created or hashed; only dynamic children need the segment's end.
   */
  private staticTests(state: State, iv: string): string[] {
    const lines: string[] = [];
    const byFirst = new Map<number, Array<[string, State]>>();
    for (const [key0, next0] of state.static) {
      if (key0 === "") continue;
      // Fold a chain of states that only lead on to one static segment into one test of the
      // whole text ("repos/branches"): such a state can end no match and redirect nowhere.
      let text = key0;
      let next = next0;
      while (!next.rules.length && !next.dynamic.length && next.static.size === 1) {
        const [k2, n2] = next.static.entries().next().value as [string, State];
        if (k2 === "") break;
        text += "/" + k2;
        next = n2;
      }
      const c = text.charCodeAt(0);
      byFirst.set(c, [...(byFirst.get(c) ?? []), [text, next]]);
    }
    if (byFirst.size) {
      // Guarded: charCodeAt past the end would deoptimize the function (V8 speculates in-bounds).
      lines.push(`if (${iv} < n) switch (p.charCodeAt(${iv})) {`);
      for (const [c, group] of [...byFirst].sort((a, b) => a[0] - b[0])) {
        lines.push(`  case ${c}: // ${JSON.stringify(String.fromCharCode(c))}`);
        // The segment's end is tested first (two loads), so texts of other lengths are passed
        // over before any character comparison; longer texts first ("users" before "user").
        for (const [text, next] of group.sort((a, b) => b[0].length - a[0].length)) {
          const end = `${iv} + ${text.length}`;
          const rest = textAt(text.slice(1), `${iv} + 1`);
          // In bounds first: a charCodeAt past the end makes V8 throw the optimized function away.
          lines.push(`    if ((${end} < n ? p.charCodeAt(${end}) === 47 : ${end} === n)${rest ? " && " + rest : ""}) {`);
          append(lines, this.enter(next, `${iv} + ${text.length + 1}`).map((l) => "      " + l));
          lines.push(`    }`);
        }
        lines.push(`    break;`);
      }
      lines.push(`}`);
    }
    const empty = state.static.get("");
    if (empty) {
      lines.push(`if (${iv} === n || p.charCodeAt(${iv}) === 47) {`);
      append(lines, this.enter(empty, `${iv} + 1`).map((l) => "  " + l));
      lines.push(`}`);
    }
    return lines;
  }

  /**
   * The test of one dynamic part against `s[start..end)` (a segment of the path, or the whole
   * domain), storing converter values in slots from `depth`, then the walk of the next state.
   */
  private dynamicTest(part: RulePart, next: State, depth: number, s: string, start: string, end: string, resume: string): string[] {
    const rule = this.sampleRule(next);
    const kind = this.parts.classify(part, rule);
    const call = (from: string) => this.enter(next, from);
    const slot = 2 * depth;
    if (kind.kind === "single") {
      const pl = kind.prefix.length, sl = kind.suffix.length;
      const a = pl ? `(${start} + ${pl})` : start;
      const b = sl ? `(${end} - ${sl})` : end;
      const conds: string[] = [];
      if (pl || sl) conds.push(`${end} - ${start} >= ${pl + sl}`);
      if (pl) conds.push(textAt(kind.prefix, start, s));
      if (sl) conds.push(`${s}.endsWith(${str(kind.suffix)}, ${end})`);
      const check = this.check(this.table.converters[kind.converter]!, s, a, b);
      if (check !== "true") conds.push(check);
      return [
        `if (${conds.join(" && ") || "true"}) {`,
        `  st.v[${slot}] = ${a};`,
        `  st.v[${slot + 1}] = ${b};`,
        ...call(resume).map((l) => "  " + l),
        `}`,
      ];
    }
    if (kind.kind === "path") {
      const pl = kind.prefix.length, sl = kind.suffix.length;
      const lines: string[] = [];
      const guard = [`n - ${start} > ${pl + sl}`];
      if (pl) guard.push(textAt(kind.prefix, start));
      if (!part.suffixed) {
        if (sl) guard.push(`p.endsWith(${str(kind.suffix)})`);
        guard.push(`isPathValue(p, ${start} + ${pl}, n - ${sl})`);
        lines.push(`if (${guard.join(" && ")}) {`, `  st.v[${slot}] = ${start} + ${pl};`, `  st.v[${slot + 1}] = n - ${sl};`, ...call("n + 1").map((l) => "  " + l), `}`);
        return lines;
      }
      // `(?<!/)(/?)` after the value: a trailing slash is taken off (and left to the next state,
      // which holds the rule's "" part); the text before it may not end in "/".
      lines.push(`if (${guard.join(" && ")}) {`);
      lines.push(`  if (p.charCodeAt(n - 1) === 47) {`);
      const withSlash = [`n - ${start} > ${pl + sl + 1}`, `p.charCodeAt(n - 2) !== 47`];
      if (sl) withSlash.push(`p.endsWith(${str(kind.suffix)}, n - 1)`);
      withSlash.push(`isPathValue(p, ${start} + ${pl}, n - ${sl + 1})`);
      lines.push(`    if (${withSlash.join(" && ")}) {`, `      st.v[${slot}] = ${start} + ${pl};`, `      st.v[${slot + 1}] = n - ${sl + 1};`, ...call("n").map((l) => "      " + l), `    }`);
      const without = [sl ? `p.endsWith(${str(kind.suffix)})` : "", `isPathValue(p, ${start} + ${pl}, n - ${sl})`].filter(Boolean);
      lines.push(`  } else if (${without.join(" && ")}) {`, `    st.v[${slot}] = ${start} + ${pl};`, `    st.v[${slot + 1}] = n - ${sl};`, ...call("n + 1").map((l) => "    " + l), `  }`);
      lines.push(`}`);
      return lines;
    }
    // A regex over the segment (or, for a final part, the rest of the path).
    const converters = part.pieces.filter((p) => "converter" in p).length;
    const target = part.final ? `p.slice(${start})` : s === "d" ? "d" : `p.slice(${start}, ${end})`;
    const lines = [`{`, `  const mt = RE${kind.regexId}.exec(${target});`, `  if (mt !== null) {`, `    const g = mt.groups!;`];
    for (let k = 0; k < converters; k++) lines.push(`    st.s[${depth + k}] = g.wz${k}!;`);
    const from = part.final ? (part.suffixed ? `g.wzs === "/" ? n : n + 1` : "n + 1") : resume;
    append(lines, call(from).map((l) => "    " + l));
    lines.push(`  }`, `}`);
    return lines;
  }

  /** A converter's test of `s[a..b)` without slicing. */
  private check(spec: ConverterSpec, s: string, a: string, b: string): string {
    const p = spec.params;
    switch (spec.kind) {
      case "string": {
        if (p.length !== undefined && p.length !== null) return `lengthBetween(${s}, ${a}, ${b}, ${p.length}, ${p.length})`;
        const min = p.minLength ?? 1;
        if (p.maxLength === null || p.maxLength === undefined) {
          return min === 0 ? "true" : min === 1 ? `${b} > ${a}` : `lengthBetween(${s}, ${a}, ${b}, ${min}, Infinity)`;
        }
        return `lengthBetween(${s}, ${a}, ${b}, ${min}, ${p.maxLength})`;
      }
      case "int": return p.signed ? `isSignedDigits(${s}, ${a}, ${b})` : `isDigits(${s}, ${a}, ${b})`;
      case "float": return `isFloat(${s}, ${a}, ${b}, ${!!p.signed})`;
      case "uuid": return `isUuid(${s}, ${a}, ${b})`;
      case "any": {
        const items = p.items ?? [];
        if (!items.length) return "false";
        return "(" + items.map((item) => (item === "" ? `${b} === ${a}` : `${b} - ${a} === ${item.length} && ${textAt(item, a, s)}`)).join(" || ") + ")";
      }
      default:
        throw new Error(`wz-compile: no direct test for ${spec.kind}`);
    }
  }

}
