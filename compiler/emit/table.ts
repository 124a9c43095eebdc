// The table tier of the matcher: the same trie the code tier compiles (tree.ts), written as data
// that one run-time walker interprets (runtime/routing/table-walk.ts holds the walker,
// runtime/routing/table-format.ts the format). Large tables use it: the code tier's functions are each hit too rarely there to get
// optimized, while the one walker is optimized within milliseconds whatever paths are asked;
// the data is also far smaller to write, parse and type-check than thousands of functions.
import type { AnalysedRule, RouteTable, RulePart } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";
import { buildTree, sampleRule, type State } from "../tree.js";
import {
  CHECK_ANY_TEXT,
  CHECK_FLOAT,
  CHECK_INT,
  CHECK_ITEMS,
  CHECK_LENGTH,
  CHECK_NEVER,
  CHECK_NONEMPTY,
  CHECK_SIGNED_FLOAT,
  CHECK_SIGNED_INT,
  CHECK_UUID,
  encodeRow,
  MAX_TABLE_METHODS,
  PART_PATH,
  PART_REGEX,
  PART_SEGMENT,
  PART_SINGLE,
  ROW_DYNAMIC,
  ROW_END_RULES,
  ROW_FLAGS,
  ROW_SIZE,
  ROW_SLASH_RULES,
  ROW_TRIE,
  RULE_STRICT,
  RULE_WEBSOCKET,
} from "../../runtime/routing/table-format.js";
import { commentText, str } from "./code.js";
import { type DynamicParts, segmentTest } from "./parts.js";

/** The methods the table's rules name, sorted; null when there are more than a method mask holds. */
export function tableMethods(table: RouteTable): string[] | null {
  const methods = new Set<string>();
  for (const rule of table.rules) for (const m of rule.methods ?? []) methods.add(m);
  return methods.size > MAX_TABLE_METHODS ? null : [...methods].sort();
}

/**
 * Watch mode's rows from the previous save. A row holds numbers that name other states, rules
 * and regexes, and inserting one rule renumbers most of them, while the rest of a row changes
 * only when its state does. So each row is kept as a template with those numbers left out
 * (RowTemplate), keyed by everything else it is made from (TableEmitter.contentKey), and a save
 * fills in the current numbers. Valid while the table names the same methods (`context`).
 */
export interface TableRows {
  context: string;
  rows: Map<string, RowTemplate>;
}

/**
 * One state's row without its references: `texts[k]` is an encoded run of the row's numbers,
 * followed (but for the last) by the reference `refs[k]` (an index into the state's references,
 * see TableEmitter.references). The encoding writes each number on its own, so runs concatenate.
 */
interface RowTemplate {
  comment: string;
  texts: string[];
  refs: number[];
}

/** `walk` as a TableMatcher over the emitted data. The table must pass tableMethods. `cache`: the previous save's rows (watch mode), replaced by this table's. */
export function tableMatcherLines(table: RouteTable, parts: DynamicParts, cache?: { tableRows?: TableRows }): string[] {
  return new TableEmitter(table, parts, cache).emit();
}

/** A radix trie node over static children's texts. */
interface TrieNode {
  label: string;
  /** Index of the reference (a state) whose text ends here, -1 none. */
  ends: number;
  children: Array<[code: number, node: TrieNode]>;
}

/** A row being written: its numbers, and where a template has references (position, index into the state's references). */
interface RowWriter {
  out: number[];
  holes: number[] | null;
}

class TableEmitter {
  private readonly root: State;
  /** Row id per state (by State.id): the root is 0, the others in depth-first order of the trie. */
  private readonly ids: number[] = [];
  private readonly order: State[] = [];
  /** What each state's row handles (by State.id), for the comment above it ("/repos/<owner>/<repo>"). */
  private readonly prefixes: string[] = [];
  /** A rule through each state (by State.id; the dynamic parts leading to it are classified by it). */
  private readonly samples: Array<AnalysedRule | undefined> = [];
  private readonly domainStates: Set<State>;
  private readonly methods: string[];
  /** Check records and their text for a key, by converter id. */
  private readonly checks: number[][] = [];
  private readonly checkKeys: string[] = [];

  constructor(
    private readonly table: RouteTable,
    private readonly parts: DynamicParts,
    private readonly cache: { tableRows?: TableRows } | undefined,
  ) {
    this.root = buildTree(table.rules).root;
    this.methods = tableMethods(table)!;
    this.domainStates = new Set([...this.root.static.values(), ...this.root.dynamic.map((d) => d.state)]);
    this.number(this.root, "", null);
  }

  /**
   * Numbers states depth first, static children before dynamic ones (the walk's order), and
   * notes what each stands for: `domain "admin"` for a state after the domain part, else the
   * path ("/repos/<owner>"), after the domain in brackets unless it is the default ("").
   */
  private number(state: State, domain: string, path: string | null): void {
    this.ids[state.id] = this.order.length;
    this.order.push(state);
    if (state === this.root) {
      this.prefixes[state.id] = "the domain part";
      for (const [text, next] of state.static) this.number(next, text, null);
      for (const { part, state: next } of state.dynamic) this.number(next, this.partText(part, next), null);
      return;
    }
    this.prefixes[state.id] = path === null ? `domain part: ${domain || "(empty)"}` : (domain ? `[${domain}]` : "") + path;
    // A domain state's child is the path's leading "" segment, "/".
    const join = (text: string) => (path === null ? "/" : path === "/" ? `/${text}` : `${path}/${text}`);
    for (const [text, next] of state.static) this.number(next, domain, path === null && text === "" ? "/" : join(text));
    for (const { part, state: next } of state.dynamic) this.number(next, domain, join(this.partText(part, next)));
  }

  emit(): string[] {
    const domains = [...this.root.static.keys()];
    const context = JSON.stringify(this.methods);
    const previous = this.cache?.tableRows?.context === context ? this.cache.tableRows.rows : undefined;
    const kept = this.cache === undefined ? undefined : new Map<string, RowTemplate>();
    const rows: string[] = [];
    this.order.forEach((state, id) => {
      const refs = this.references(state);
      const arrow = state.rules.length ? ` -> ${state.rules.map((r) => r.index).join(", ")}` : "";
      if (kept === undefined) {
        const writer: RowWriter = { out: [], holes: null };
        this.row(state, refs, writer);
        rows.push(`  // ${id}: ${commentText(this.prefixes[state.id]!)}${arrow}`, `  ${str(encodeRow(writer.out))},`);
        return;
      }
      const key = this.contentKey(state);
      let template = previous?.get(key);
      if (template === undefined) template = this.template(state, refs);
      kept.set(key, template);
      let text = template.texts[0]!;
      for (let k = 0; k < template.refs.length; k++) text += encodeOne(refs[template.refs[k]!]!) + template.texts[k + 1]!;
      rows.push(`  // ${id}: ${template.comment}${arrow}`, `  ${str(text)},`);
    });
    if (kept !== undefined) this.cache!.tableRows = { context, rows: kept };
    // Regexes are classified while the rows are written: their table is complete only now.
    const regexList = Array.from({ length: this.parts.regexes.length }, (_, k) => `RE${k}`);
    return [
      `// The matcher's table tier (compiler/emit/table.ts): Werkzeug's state machine as data, one row`,
      `// per state (the comment above it: the path it stands for, and the rules that end there),`,
      `// decoded at import and walked by rt.TableMatcher. The format is described in`,
      `// wz/runtime/routing/table-format.ts.`,
      `const MATCHER = new rt.TableMatcher(`,
      `  [`,
      ...rows.map((l) => "  " + l),
      `  ],`,
      `  ${context},`,
      `  ${JSON.stringify(domains)},`,
      `  [${[...this.root.static.values()].map((s) => this.ids[s.id]).join(", ")}],`,
      `  [${regexList.join(", ")}],`,
      `);`,
      ``,
      `function walk(st: MatchState, d: string, p: string): number {`,
      `  return MATCHER.walk(st, d, p);`,
      `}`,
      ``,
    ];
  }

  private partText(part: RulePart, next: State): string {
    const rule = this.sample(next);
    return part.pieces.map((piece) => ("text" in piece ? piece.text : `<${rule.variables[piece.converter]!.name}>`)).join("");
  }

  private sample(state: State): AnalysedRule {
    let rule = this.samples[state.id];
    if (rule === undefined) this.samples[state.id] = rule = sampleRule(state);
    return rule;
  }

  /**
   * The numbers in a state's row that name other things, in a fixed order: the fitting end and
   * slash rules' indexes, the static children's rows, then per dynamic part its next row and
   * regex id (-1: none). Classifying the parts here, state by state, numbers the regexes in the
   * same order whether rows are made or reused.
   */
  private references(state: State): number[] {
    const refs: number[] = [];
    for (const rule of fitting(state.rules)) refs.push(rule.index);
    for (const rule of fitting(state.static.get("")?.rules)) refs.push(rule.index);
    for (const next of state.static.values()) refs.push(this.ids[next.id]!);
    for (const { part, state: next } of state.dynamic) {
      const kind = this.parts.classify(part, this.sample(next));
      refs.push(this.ids[next.id]!, kind.kind === "regex" ? kind.regexId : -1);
    }
    return refs;
  }

  /**
   * Everything a row is made from but its references: equal keys, equal templates. Rules by
   * contentId (an analysis reused from watch mode's cache keeps it; its methods and flags with
   * it), static children by text, dynamic parts by key and how they are tested. Texts are
   * written with their lengths, so no two contents run together into one key.
   */
  private contentKey(state: State): string {
    const prefix = this.prefixes[state.id]!;
    let key = `${prefix.length}:${prefix}${this.domainStates.has(state) ? "D" : ""}|${state.depth}|`;
    for (const rule of state.rules) key += `${rule.contentId},`;
    key += "|";
    for (const rule of state.static.get("")?.rules ?? []) key += `${rule.contentId},`;
    key += "|";
    for (const text of state.static.keys()) key += `${text.length}:${text}`;
    key += "|";
    for (const { part, state: next } of state.dynamic) {
      const kind = this.parts.classify(part, this.sample(next));
      key += `${part.key.length}:${part.key}${kind.kind}${kind.kind === "single" ? this.checkKey(kind.converter) : ""};`;
    }
    return key;
  }

  private template(state: State, refs: number[]): RowTemplate {
    const writer: RowWriter = { out: [], holes: [] };
    this.row(state, refs, writer);
    const { out, holes } = writer as { out: number[]; holes: number[] };
    const texts: string[] = [];
    const refIndexes: number[] = [];
    let from = 0;
    for (let h = 0; h < holes.length; h += 2) {
      texts.push(encodeRow(out.slice(from, holes[h])));
      refIndexes.push(holes[h + 1]!);
      from = holes[h]! + 1;
    }
    texts.push(encodeRow(out.slice(from)));
    return { comment: commentText(this.prefixes[state.id]!), texts, refs: refIndexes };
  }

  /** One state's row (see the format in runtime/routing/table-format.ts), its references taken from `refs`. */
  private row(state: State, refs: number[], writer: RowWriter): void {
    const out = writer.out;
    for (let k = 0; k < ROW_SIZE; k++) out.push(0);
    out[ROW_FLAGS] = this.domainStates.has(state) ? 1 : 0;
    const ref = (k: number) => {
      writer.holes?.push(out.length, k);
      out.push(refs[k]!);
    };
    let next = 0; // the next reference, in the order references() lists them
    const rules = (list: readonly AnalysedRule[], field: number) => {
      if (!list.length) return;
      out[field] = out.length;
      out.push(list.length);
      for (const rule of list) {
        ref(next++);
        out.push(this.methodMask(rule), (rule.websocket ? RULE_WEBSOCKET : 0) | (rule.strictSlashes ? RULE_STRICT : 0));
      }
    };
    rules(fitting(state.rules), ROW_END_RULES);
    rules(fitting(state.static.get("")?.rules), ROW_SLASH_RULES);
    const children: Array<[string, number]> = [];
    for (const text of state.static.keys()) children.push([text, next++]);
    if (state !== this.root && children.length) {
      out[ROW_TRIE] = out.length;
      this.writeTrie(writer, ref, trie(children, 0));
    }
    if (state.dynamic.length) {
      out[ROW_DYNAMIC] = out.length;
      out.push(state.dynamic.length);
      for (const { part, state: to } of state.dynamic) {
        const at = out.length;
        out.push(0);
        this.partRecord(part, to, state.depth, out, ref, next);
        next += 2;
        out[at] = out.length - at - 1;
      }
    }
  }

  private methodMask(rule: AnalysedRule): number {
    if (!rule.methods) return -1;
    let mask = 0;
    for (const m of rule.methods) mask |= 1 << this.methods.indexOf(m);
    return mask;
  }

  /** Writes a trie node and (after it) its children, patching the child offsets. */
  private writeTrie(writer: RowWriter, ref: (k: number) => void, node: TrieNode): void {
    const out = writer.out;
    out.push(node.label.length);
    pushCodes(out, node.label);
    if (node.ends === -1) out.push(-1);
    else ref(node.ends);
    const slots: number[] = [];
    const first = node.children[0]?.[0] ?? 0;
    const span = (node.children.at(-1)?.[0] ?? 0) - first + 1;
    if (node.children.length >= DENSE_CHILDREN && span <= DENSE_SPAN) {
      // Many children over a short range of characters: a table indexed by the character.
      out.push(-span, first);
      const at = out.length;
      for (let k = 0; k < span; k++) out.push(0);
      for (const [code] of node.children) slots.push(at + code - first);
    } else {
      out.push(node.children.length);
      for (const [code] of node.children) {
        out.push(code, 0);
        slots.push(out.length - 1);
      }
    }
    node.children.forEach(([, child], k) => {
      out[slots[k]!] = out.length;
      this.writeTrie(writer, ref, child);
    });
  }

  /** A dynamic part's record after its length; `refs[k]` is its next state, `refs[k + 1]` its regex id. */
  private partRecord(part: RulePart, next: State, depth: number, out: number[], ref: (k: number) => void, k: number): void {
    const kind = this.parts.classify(part, this.sample(next));
    if (kind.kind === "single") {
      const segment = !kind.prefix && !kind.suffix;
      out.push(segment ? PART_SEGMENT : PART_SINGLE);
      ref(k);
      out.push(2 * depth);
      if (!segment) {
        pushText(out, kind.prefix);
        pushText(out, kind.suffix);
      }
      for (const n of this.check(kind.converter)) out.push(n);
    } else if (kind.kind === "path") {
      out.push(PART_PATH);
      ref(k);
      out.push(2 * depth, part.suffixed ? 1 : 0);
      pushText(out, kind.prefix);
      pushText(out, kind.suffix);
    } else {
      out.push(PART_REGEX);
      ref(k);
      out.push(depth);
      ref(k + 1);
      out.push(part.final ? 1 : 0, part.suffixed ? 1 : 0, part.pieces.filter((p) => "converter" in p).length);
    }
  }

  private check(converter: number): number[] {
    return (this.checks[converter] ??= check(this.table.converters[converter]!));
  }

  private checkKey(converter: number): string {
    return (this.checkKeys[converter] ??= this.check(converter).join(","));
  }
}

/** Rules a request can reach (`methods: []` fits none); the list itself when all can (no copy per state). */
function fitting(list: AnalysedRule[] | undefined): readonly AnalysedRule[] {
  if (list === undefined) return NO_RULES;
  for (const rule of list) if (rule.methods?.length === 0) return list.filter((r) => !r.methods || r.methods.length > 0);
  return list;
}
const NO_RULES: readonly AnalysedRule[] = [];

const one: number[] = [0];
/** One number as the row format writes it. */
function encodeOne(n: number): string {
  one[0] = n;
  return encodeRow(one);
}

/** Trie nodes with this many children or more, over at most DENSE_SPAN character codes, get a table indexed by the character. */
const DENSE_CHILDREN = 4;
const DENSE_SPAN = 64;

function pushCodes(out: number[], s: string): void {
  for (let k = 0; k < s.length; k++) out.push(s.charCodeAt(k));
}

/** A text as the format writes it: its length, then its characters. */
function pushText(out: number[], s: string): void {
  out.push(s.length);
  pushCodes(out, s);
}

/** The radix trie of `[text, reference]` entries, all of whose texts agree up to `from`. */
function trie(entries: Array<[string, number]>, from: number): TrieNode {
  let common = Infinity;
  for (const [t] of entries) common = Math.min(common, t.length - from);
  const first = entries[0]![0];
  for (const [t] of entries) {
    let k = 0;
    while (k < common && t.charCodeAt(from + k) === first.charCodeAt(from + k)) k++;
    common = k;
  }
  const at = from + common;
  const ends = entries.find(([t]) => t.length === at)?.[1] ?? -1;
  const groups = new Map<number, Array<[string, number]>>();
  for (const entry of entries) {
    if (entry[0].length === at) continue;
    const c = entry[0].charCodeAt(at);
    const group = groups.get(c);
    if (group === undefined) groups.set(c, [entry]);
    else group.push(entry);
  }
  const children: TrieNode["children"] = [...groups].sort((a, b) => a[0] - b[0]).map(([c, group]) => [c, trie(group, at + 1)]);
  return { label: first.slice(from, at), ends, children };
}

/** A built-in converter's check record: its segment test (parts.ts) as data. */
function check(spec: ConverterSpec): number[] {
  const t = segmentTest(spec);
  switch (t.test) {
    case "any-text":
      return [CHECK_ANY_TEXT];
    case "non-empty":
      return [CHECK_NONEMPTY];
    case "length":
      return [CHECK_LENGTH, t.min, t.max ?? -1];
    case "int":
      return [t.signed ? CHECK_SIGNED_INT : CHECK_INT];
    case "float":
      return [t.signed ? CHECK_SIGNED_FLOAT : CHECK_FLOAT];
    case "uuid":
      return [CHECK_UUID];
    case "items": {
      const out = [CHECK_ITEMS, t.items.length];
      for (const item of t.items) pushText(out, item);
      return out;
    }
    case "never":
      return [CHECK_NEVER];
  }
}
