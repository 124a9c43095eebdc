// The matcher functions. `walk` first asks the exact-static table (static-table.ts) of the
// domain, then walks the trie: every state tests its static children (by segment end, then
// text), then its dynamic children in weight order, returning a rule index, -1 (no rule: the
// caller tries its next alternative) or -2 (a strict-slash redirect, which ends the search as
// Werkzeug's SlashRequired does). Segments are positions in the path string: no split, no
// slicing until a rule is chosen, and no RegExp for built-in converters unless a segment holds
// several converters.
//
// Function size is bounded by a budget of weighted compares, not by lines: TurboFan's compile
// time grows faster than linearly with the compares in one function (50 -> 32 ms, 200 -> 178 ms,
// 800 -> 1.8 s measured), and a function waiting for TurboFan runs interpreted at 1-2.5 µs per
// lookup. A subtree is inlined into its parent's function while it fits the budget left; a
// state too wide for one function gets one function per first character of its static children.
import type { AnalysedRule, RouteTable, RulePart } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";
import { buildTree, sampleRule, type State } from "../tree.js";
import { append, commentText, str, textAt, Texts } from "./code.js";
import { type DynamicParts, segmentTest } from "./parts.js";
import { endChecks, noDynamicMatch, ruleChecks, staticTable, UNDECIDED } from "./static-table.js";

/** Weighted compares one generated function may hold (a charCodeAt compare weighs 1). */
const FUNCTION_BUDGET = 48;

export interface MatcherFunctions {
  lines: string[];
  /** `walk`, the exact-static tables and the state functions. */
  functionCount: number;
  /** The `T<n>` text constants the functions compare against. */
  texts: Texts;
}

export function matcherFunctions(table: RouteTable, parts: DynamicParts): MatcherFunctions {
  return new MatcherEmitter(table, parts).emit();
}

/** A function to emit: a state's, or one first-character group of a wide state's static children. */
type Job = { state: State; group?: { code: number; children: Array<[string, State]> } };

class MatcherEmitter {
  private readonly root: State;
  private readonly texts = new Texts();
  /** Functions referenced and not yet emitted, in order of first reference. */
  private readonly queue: Job[] = [];
  private readonly queued = new Set<string>();
  private readonly costs = new Map<State, number>();
  /** What each state's function handles, for the comment above it ("/repos/<owner>/<repo>"). */
  private readonly prefixes = new Map<State, string>();
  /** The states after the domain part: their index is 0, the path's own leading "/". */
  private readonly domainStates: Set<State>;
  /** Budget left in the function being written. */
  private budget = 0;
  private functions = 0;

  constructor(
    private readonly table: RouteTable,
    private readonly parts: DynamicParts,
  ) {
    this.root = buildTree(table.rules).root;
    this.domainStates = new Set([...this.root.static.values(), ...this.root.dynamic.map((d) => d.state)]);
    for (const [text, next] of this.root.static) this.notePrefixes(next, text ? `[${text}]` : "");
    for (const { part, state } of this.root.dynamic) this.notePrefixes(state, `[${this.partText(part, sampleRule(state))}]`);
  }

  emit(): MatcherFunctions {
    const lines: string[] = [];
    const tables: string[] = [];
    append(lines, this.walkFunction(tables));
    append(lines, tables);
    for (let k = 0; k < this.queue.length; k++) {
      const job = this.queue[k]!;
      append(lines, job.group ? this.groupFunction(job.state, job.group) : this.stateFunction(job.state));
    }
    return { lines, functionCount: this.functions, texts: this.texts };
  }

  /** Notes the path text leading to each state below a domain state (whose own text is `prefix`). */
  private notePrefixes(state: State, prefix: string): void {
    this.prefixes.set(state, prefix);
    // The domain state's child is the path's leading "" segment: no "/" before it.
    const join = this.isDomainState(state) ? "" : "/";
    for (const [text, next] of state.static) this.notePrefixes(next, prefix + join + text);
    for (const { part, state: next } of state.dynamic) this.notePrefixes(next, prefix + join + this.partText(part, sampleRule(next)));
  }

  private isDomainState(state: State): boolean {
    return this.domainStates.has(state);
  }

  private partText(part: RulePart, rule: AnalysedRule): string {
    return part.pieces.map((piece) => ("text" in piece ? piece.text : `<${rule.variables[piece.converter]!.name}>`)).join("");
  }

  private walkFunction(tables: string[]): string[] {
    this.functions++;
    const root = this.root;
    const lines = [`function walk(st: MatchState, d: string, p: string): number {`, `  let r: number;`];
    // Inlined path states read the path length.
    if (root.static.size > 0 || root.dynamic.length > 0) lines.splice(1, 0, `  const n = p.length;`);
    // Until the walk meets an empty segment, a final part or a folded chain, merging slashes
    // cannot change its answer and the run time skips the retry (see map.ts).
    lines.push(`  st.noRetry = true;`);
    this.budget = FUNCTION_BUDGET;
    const guards = new Map([...root.static].map(([text, next]) => [text, firstCharGuard(next, "c")]));
    // The first character of the path's first segment ("/" for the paths "/" and "").
    if ([...guards.values()].some(Boolean)) lines.push(`  const c = n > 1 ? p.charCodeAt(1) : 47;`);
    for (const [text, next] of root.static) {
      const first = guards.get(text);
      lines.push(`  if (d === ${str(text)}${first ? ` && ${first}` : ""}) {`);
      const exact = staticTable(root, text, next, `x${next.id}`, this.texts, this.parts);
      if (exact) {
        this.functions += exact.functions;
        append(tables, exact.lines);
        lines.push(`    if (${lengthTest(exact.lengths)} && (r = x${next.id}(st, p, n)) !== ${UNDECIDED}) return r;`);
      }
      append(
        lines,
        this.enter(next, "0").map((l) => "    " + l),
      );
      lines.push(`  }`);
    }
    for (const { part, state } of root.dynamic) {
      append(
        lines,
        this.dynamicTest(part, state, root.depth, "d", "0", "d.length", "0").map((l) => "  " + l),
      );
    }
    lines.push(`  return -1;`, `}`, ``);
    return lines;
  }

  /** The name of a job's function, queuing it for emission. */
  private ref(job: Job): string {
    const name = job.group ? `s${job.state.id}c${job.group.code}` : `s${job.state.id}`;
    if (!this.queued.has(name)) {
      this.queued.add(name);
      this.queue.push(job);
    }
    return name;
  }

  private stateFunction(state: State): string[] {
    this.functions++;
    this.budget = FUNCTION_BUDGET - this.ownCost(state);
    const iv = `i${state.id}`;
    const lines = [
      `// ${commentText(this.prefixes.get(state) || "/")} and below`,
      `function s${state.id}(st: MatchState, p: string, ${iv}: number): number {`,
      `  const n = p.length;`,
      `  let r: number;`,
    ];
    append(
      lines,
      this.stateBody(state, iv, null).map((l) => "  " + l),
    );
    lines.push(`  return -1;`, `}`, ``);
    return lines;
  }

  /** One first-character group of a wide state's static children, in a function of its own. */
  private groupFunction(state: State, group: NonNullable<Job["group"]>): string[] {
    this.functions++;
    this.budget = FUNCTION_BUDGET - this.groupCost(group.children);
    const iv = `i${state.id}`;
    const lines = [
      `// ${commentText((this.prefixes.get(state) ?? "") + "/" + String.fromCharCode(group.code))}... and below`,
      `function s${state.id}c${group.code}(st: MatchState, p: string, ${iv}: number): number {`,
      `  const n = p.length;`,
      `  let r: number;`,
    ];
    append(
      lines,
      this.groupTests(group.children, iv).map((l) => "  " + l),
    );
    lines.push(`  return -1;`, `}`, ``);
    return lines;
  }

  /** Weighted compares of a state's own tests (without its children's). */
  private ownCost(state: State): number {
    let cost = 2;
    for (const rule of state.rules) cost += 1 + (rule.methods?.length ?? 0);
    for (const rule of state.static.get("")?.rules ?? []) cost += 1 + (rule.methods?.length ?? 0);
    const children = this.staticChildren(state);
    const group = this.groupCost(children);
    // A wide state's groups are functions of their own: its switch holds one call per case.
    cost += group > FUNCTION_BUDGET ? new Set(children.map(([text]) => text.charCodeAt(0))).size : group;
    for (const _ of state.dynamic) cost += 4;
    return cost;
  }

  private groupCost(children: Array<[string, State]>): number {
    let cost = 0;
    for (const [text] of children) cost += 3 + (text.length - 1 > 4 ? 1 : text.length - 1);
    return cost;
  }

  /** Weighted compares of a whole subtree, to decide between inlining it and calling a function. */
  private subtreeCost(state: State): number {
    let cost = this.costs.get(state);
    if (cost === undefined) {
      cost = this.ownCost(state);
      for (const [, next] of this.staticChildren(state)) cost += this.subtreeCost(next);
      const empty = state.static.get("");
      if (empty) cost += this.subtreeCost(empty);
      for (const d of state.dynamic) cost += this.subtreeCost(d.state);
      this.costs.set(state, cost);
    }
    return cost;
  }

  /**
   * The walk into `next` with its index at `expr`. A subtree that fits the function's budget is
   * inlined as a labelled block (`break` is "no match here, try the next alternative"; a result
   * returns from the function, as a called state's result would be returned by its caller).
   */
  private enter(next: State, expr: string): string[] {
    const cost = this.subtreeCost(next);
    if (cost > this.budget) return [`if ((r = ${this.ref({ state: next })}(st, p, ${expr})) !== -1) return r;`];
    this.budget -= cost;
    const label = `b${next.id}`;
    const iv = `i${next.id}`;
    return [`${label}: {`, `  const ${iv} = ${expr};`, ...this.stateBody(next, iv, label).map((l) => "  " + l), `}`];
  }

  /** A state's tests with its index in `iv`; `label` is the block to leave on no match (null: return -1). */
  private stateBody(state: State, iv: string, label: string | null): string[] {
    const atPathStart = this.isDomainState(state);
    const fail = label ? `break ${label};` : `return -1;`;
    const lines: string[] = [];
    const atEnd = endChecks(state);
    if (atEnd.length) lines.push(`if (${iv} > n) {`, ...atEnd.map((l) => "  " + l), `  ${fail}`, `}`);
    else lines.push(`if (${iv} > n) ${fail}`);
    const children = this.staticChildren(state);
    // An empty segment here ("//"): merging slashes could change the answer. The path's own
    // leading "/" (index 0) is not one. With static children the switch below notes it.
    if (!atPathStart && !children.length) lines.push(`if (${iv} < n && p.charCodeAt(${iv}) === 47) st.noRetry = false;`);
    if (state.dynamic.some((d) => !d.part.final)) {
      const ev = `e${state.id}`;
      lines.push(`let ${ev} = p.indexOf("/", ${iv});`, `if (${ev} === -1) ${ev} = n;`);
    }
    append(lines, this.staticTests(state, children, iv, atPathStart, fail));
    for (const { part, state: next } of state.dynamic) {
      append(lines, this.dynamicTest(part, next, state.depth, "p", iv, `e${state.id}`, `e${state.id} + 1`));
    }
    const nonStrict = ruleChecks(state.rules, true);
    if (nonStrict.length) lines.push(`if (${iv} === n) {`, ...nonStrict.map((l) => "  " + l), `}`);
    return lines;
  }

  /**
   * A state's non-empty static children, a chain of states that only lead on to one static
   * segment folded into one test of the whole text ("repos/branches"): such a state can end no
   * match and redirect nowhere.
   */
  private staticChildren(state: State): Array<[string, State]> {
    const children: Array<[string, State]> = [];
    for (const [key0, next0] of state.static) {
      if (key0 === "") continue;
      let text = key0;
      let next = next0;
      while (!next.rules.length && !next.dynamic.length && next.static.size === 1) {
        const [k2, n2] = next.static.entries().next().value as [string, State];
        if (k2 === "") break;
        text += "/" + k2;
        next = n2;
      }
      children.push([text, next]);
    }
    return children;
  }

  /**
   * Static children, tested in place: a switch on the segment's first character, the other
   * characters by code, then the segment must end there (a `/` or the end of the path). No
   * `indexOf`, no string created or hashed; only dynamic children need the segment's end.
   */
  private staticTests(state: State, children: Array<[string, State]>, iv: string, atPathStart: boolean, fail: string): string[] {
    const lines: string[] = [];
    const byFirst = new Map<number, Array<[string, State]>>();
    for (const [text, next] of children) {
      const c = text.charCodeAt(0);
      byFirst.set(c, [...(byFirst.get(c) ?? []), [text, next]]);
    }
    if (byFirst.size) {
      // A state too wide for one function: each first character's tests get a function.
      const wide = this.groupCost(children) > FUNCTION_BUDGET;
      // Guarded: charCodeAt past the end would deoptimize the function (V8 speculates in-bounds).
      lines.push(`if (${iv} < n) switch (p.charCodeAt(${iv})) {`);
      for (const [c, group] of [...byFirst].sort((a, b) => a[0] - b[0])) {
        lines.push(`  case ${c}: // "${commentText(String.fromCharCode(c))}"`);
        if (wide) {
          lines.push(`    if ((r = ${this.ref({ state, group: { code: c, children: group } })}(st, p, ${iv})) !== -1) return r;`);
        } else {
          append(
            lines,
            this.groupTests(group, iv, { state, fail }).map((l) => "  " + l),
          );
        }
        lines.push(`    break;`);
      }
      // An empty segment ("//"): see stateBody.
      if (!atPathStart) lines.push(`  case 47:`, `    st.noRetry = false;`, `    break;`);
      lines.push(`}`);
    }
    const empty = state.static.get("");
    if (empty) {
      lines.push(`if (${iv} === n || p.charCodeAt(${iv}) === 47) {`);
      append(
        lines,
        this.enter(empty, `${iv} + 1`).map((l) => "  " + l),
      );
      lines.push(`}`);
    }
    return lines;
  }

  /** The tests of static children sharing a first character; longer texts first ("users" before "user"). */
  private groupTests(group: Array<[string, State]>, iv: string, parent?: { state: State; fail: string }): string[] {
    const lines: string[] = [];
    for (const [text, next] of [...group].sort((a, b) => b[0].length - a[0].length)) {
      const end = `${iv} + ${text.length}`;
      const rest = textAt(text.slice(1), `${iv} + 1`, this.texts);
      // The segment's end is tested first (two loads), so texts of other lengths are passed over
      // before any character comparison. In bounds first: a charCodeAt past the end makes V8
      // throw the optimized function away.
      lines.push(`  if ((${end} < n ? p.charCodeAt(${end}) === 47 : ${end} === n)${rest ? " && " + rest : ""}) {`);
      append(
        lines,
        this.enter(next, `${iv} + ${text.length + 1}`).map((l) => "    " + l),
      );
      // Werkzeug tries the state's dynamic transitions on this segment next. The segment is this
      // text's first word, so the compiler can test them now (built-in converters are fixed
      // regexes): when none can match it, the state has no match left, and a 405 or 404 skips them.
      const word = text.split("/")[0]!;
      if (parent?.state.dynamic.length && noDynamicMatch(parent.state, word, this.parts)) lines.push(`    ${parent.fail}`);
      // A folded chain looks across segments: where it failed, merging slashes could change the
      // answer only if the path has an empty segment where one of the chain's segments starts
      // ("a//b" against "a/b"): before the path's first empty segment its segments are the
      // merged path's, and one of them that differs from the chain's fails the chain either way.
      // Where it matched there is none (its segments are not empty). So a "//" at one of the
      // chain's own slashes is the only case; two loads each, no scan of the path.
      const slashes: number[] = [];
      for (let k = text.indexOf("/"); k !== -1; k = text.indexOf("/", k + 1)) slashes.push(k);
      if (!slashes.length) lines.push(`  }`);
      else {
        const empty = slashes.map((k) => `(${iv} + ${k + 1} < n && p.charCodeAt(${iv} + ${k + 1}) === 47 && p.charCodeAt(${iv} + ${k}) === 47)`);
        lines.push(`  } else if (${empty.join(" || ")}) st.noRetry = false;`);
      }
    }
    return lines;
  }

  /**
   * The test of one dynamic part against `s[start..end)` (a segment of the path, or the whole
   * domain), storing converter values in slots from `depth`, then the walk of the next state.
   */
  private dynamicTest(part: RulePart, next: State, depth: number, s: string, start: string, end: string, resume: string): string[] {
    const rule = sampleRule(next);
    const kind = this.parts.classify(part, rule);
    const call = (from: string) => this.enter(next, from);
    const slot = 2 * depth;
    const texts = this.texts;
    if (kind.kind === "single") {
      const pl = kind.prefix.length,
        sl = kind.suffix.length;
      const a = pl ? `(${start} + ${pl})` : start;
      const b = sl ? `(${end} - ${sl})` : end;
      const conds: string[] = [];
      if (pl || sl) conds.push(`${end} - ${start} >= ${pl + sl}`);
      if (pl) conds.push(textAt(kind.prefix, start, texts, s));
      if (sl) conds.push(`${s}.endsWith(${texts.name(kind.suffix)}, ${end})`);
      const check = this.check(this.table.converters[kind.converter]!, s, a, b);
      if (check !== "true") conds.push(check);
      return [`if (${conds.join(" && ") || "true"}) {`, `  st.v[${slot}] = ${a};`, `  st.v[${slot + 1}] = ${b};`, ...call(resume).map((l) => "  " + l), `}`];
    }
    // A final part reads the rest of the path, empty segments and all: merging could change it.
    // Not for a plain path converter: its value (non-empty, not starting with "/", no line
    // break) fits before merging exactly when it fits after, and the walk ends after it; a "//"
    // where the value starts is an empty segment, which the state's own test has noted. So a
    // 405 or 404 through it needs no scan of the whole path for "//" (~20 ns on a fresh string).
    const plainPath = kind.kind === "path" && !part.suffixed && !kind.suffix.includes("/");
    const lines: string[] = part.final && s === "p" && !plainPath ? [`st.noRetry = false;`] : [];
    if (kind.kind === "path") {
      const pl = kind.prefix.length,
        sl = kind.suffix.length;
      const guard = [`n - ${start} > ${pl + sl}`];
      if (pl) guard.push(textAt(kind.prefix, start, texts));
      const suffix = sl ? texts.name(kind.suffix) : "";
      if (!part.suffixed) {
        if (sl) guard.push(`p.endsWith(${suffix})`);
        guard.push(`isPathValue(p, ${start} + ${pl}, n - ${sl})`);
        lines.push(
          `if (${guard.join(" && ")}) {`,
          `  st.v[${slot}] = ${start} + ${pl};`,
          `  st.v[${slot + 1}] = n - ${sl};`,
          ...call("n + 1").map((l) => "  " + l),
          `}`,
        );
        return lines;
      }
      // `(?<!/)(/?)` after the value: a trailing slash is taken off (and left to the next state,
      // which holds the rule's "" part); the text before it may not end in "/".
      lines.push(`if (${guard.join(" && ")}) {`);
      lines.push(`  if (p.charCodeAt(n - 1) === 47) {`);
      const withSlash = [`n - ${start} > ${pl + sl + 1}`, `p.charCodeAt(n - 2) !== 47`];
      if (sl) withSlash.push(`p.endsWith(${suffix}, n - 1)`);
      withSlash.push(`isPathValue(p, ${start} + ${pl}, n - ${sl + 1})`);
      lines.push(
        `    if (${withSlash.join(" && ")}) {`,
        `      st.v[${slot}] = ${start} + ${pl};`,
        `      st.v[${slot + 1}] = n - ${sl + 1};`,
        ...call("n").map((l) => "      " + l),
        `    }`,
      );
      const without = [sl ? `p.endsWith(${suffix})` : "", `isPathValue(p, ${start} + ${pl}, n - ${sl})`].filter(Boolean);
      lines.push(
        `  } else if (${without.join(" && ")}) {`,
        `    st.v[${slot}] = ${start} + ${pl};`,
        `    st.v[${slot + 1}] = n - ${sl};`,
        ...call("n + 1").map((l) => "    " + l),
        `  }`,
      );
      lines.push(`}`);
      return lines;
    }
    // A regex over the segment (or, for a final part, the rest of the path).
    const converters = part.pieces.filter((p) => "converter" in p).length;
    const target = part.final ? `p.slice(${start})` : s === "d" ? "d" : `p.slice(${start}, ${end})`;
    lines.push(`{`, `  const mt = RE${kind.regexId}.exec(${target});`, `  if (mt !== null) {`, `    const g = mt.groups!;`);
    for (let k = 0; k < converters; k++) lines.push(`    st.s[${depth + k}] = g.wz${k}!;`);
    const from = part.final ? (part.suffixed ? `g.wzs === "/" ? n : n + 1` : "n + 1") : resume;
    append(
      lines,
      call(from).map((l) => "    " + l),
    );
    lines.push(`  }`, `}`);
    return lines;
  }

  /** A converter's test of `s[a..b)` without slicing: its segment test (parts.ts) as an expression. */
  private check(spec: ConverterSpec, s: string, a: string, b: string): string {
    const t = segmentTest(spec);
    switch (t.test) {
      case "any-text":
        return "true";
      case "non-empty":
        return `${b} > ${a}`;
      case "length":
        return `lengthBetween(${s}, ${a}, ${b}, ${t.min}, ${t.max ?? "Infinity"})`;
      case "int":
        return t.signed ? `isSignedDigits(${s}, ${a}, ${b})` : `isDigits(${s}, ${a}, ${b})`;
      case "float":
        return `isFloat(${s}, ${a}, ${b}, ${t.signed})`;
      case "uuid":
        return `isUuid(${s}, ${a}, ${b})`;
      case "items":
        return (
          "(" +
          t.items.map((item) => (item === "" ? `${b} === ${a}` : `${b} - ${a} === ${item.length} && ${textAt(item, a, this.texts, s)}`)).join(" || ") +
          ")"
        );
      case "never":
        return "false";
    }
  }
}

/**
 * A test of the path's second character (the first of its first segment, `c` below) that is
 * false only where the walk below the domain state `domain` can only miss: no rule's path
 * starts with "/" and that character. Then a 404 costs one load and a mask, before the
 * exact-static table and the walk. Only where the path's first segment has no dynamic part (any
 * character could start one) and the first segments' texts start with ASCII characters; a "/"
 * there (an empty segment, which the walk notes for the merge-slashes retry) and the paths "/"
 * and "" always go on to the walk. Null when no character can be ruled out.
 */
function firstCharGuard(domain: State, c: string): string | null {
  const start = domain.static.get("");
  if (!start || domain.static.size !== 1 || domain.dynamic.length || start.dynamic.length) return null;
  // Bits for the characters 32-127, in three 32-bit masks.
  const masks = [0, 0, 0];
  const allow = (code: number) => {
    masks[(code >> 5) - 1]! |= 1 << (code & 31);
  };
  allow(47);
  for (const text of start.static.keys()) {
    if (text === "") continue; // "//": the "/" is allowed
    const code = text.charCodeAt(0);
    if (code < 32 || code > 127) return null;
    allow(code);
  }
  const [m1, m2, m3] = masks.map((m) => `0x${(m >>> 0).toString(16)}`);
  return `(${c} < 32 || ${c} > 127 || (((${c} < 64 ? ${m1} : ${c} < 96 ? ${m2} : ${m3}) >>> (${c} & 31)) & 1) === 1)`;
}

/**
 * A test that the path's length is one the exact-static table holds a text of (a mask for
 * lengths below 64; longer ones always ask the table), so that on a path of another length the
 * table is not called at all.
 */
function lengthTest(lengths: readonly number[]): string {
  const masks = [0, 0];
  for (const length of lengths) if (length < 64) masks[length >> 5]! |= 1 << (length & 31);
  const [low, high] = masks.map((m) => `0x${(m >>> 0).toString(16)}`);
  const long = lengths.some((length) => length >= 64) ? "n > 63 || " : "n < 64 && ";
  return `(${long}(((n < 32 ? ${low} : ${high}) >>> (n & 31)) & 1) === 1)`;
}
