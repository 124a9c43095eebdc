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

/** `walk` as a TableMatcher over the emitted data. The table must pass tableMethods. */
export function tableMatcherLines(table: RouteTable, parts: DynamicParts): string[] {
  return new TableEmitter(table, parts).emit();
}

/** A radix trie node over static children's texts. */
interface TrieNode {
  label: string;
  /** Row id of the state whose text ends here, -1 none. */
  ends: number;
  children: Array<[code: number, node: TrieNode]>;
}

class TableEmitter {
  private readonly root: State;
  /** Row id per state: the root is 0, the others in depth-first order of the trie. */
  private readonly ids = new Map<State, number>();
  private readonly order: State[] = [];
  /** What each state's row handles, for the comment above it ("/repos/<owner>/<repo>"). */
  private readonly prefixes = new Map<State, string>();
  private readonly domainStates: Set<State>;
  private readonly methods: string[];

  constructor(
    private readonly table: RouteTable,
    private readonly parts: DynamicParts,
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
    this.ids.set(state, this.order.length);
    this.order.push(state);
    if (state === this.root) {
      this.prefixes.set(state, "the domain part");
      for (const [text, next] of state.static) this.number(next, text, null);
      for (const { part, state: next } of state.dynamic) this.number(next, this.partText(part, next), null);
      return;
    }
    this.prefixes.set(state, path === null ? `domain part: ${domain || "(empty)"}` : (domain ? `[${domain}]` : "") + path);
    // A domain state's child is the path's leading "" segment, "/".
    const join = (text: string) => (path === null ? "/" : path === "/" ? `/${text}` : `${path}/${text}`);
    for (const [text, next] of state.static) this.number(next, domain, path === null && text === "" ? "/" : join(text));
    for (const { part, state: next } of state.dynamic) this.number(next, domain, join(this.partText(part, next)));
  }

  emit(): string[] {
    const domains = [...this.root.static.keys()];
    const rows: string[] = [];
    this.order.forEach((state, id) => {
      rows.push(`  // ${id}: ${commentText(this.prefixes.get(state)!)}${state.rules.length ? ` -> ${state.rules.map((r) => r.index).join(", ")}` : ""}`);
      rows.push(`  ${str(encodeRow(this.row(state)))},`);
    });
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
      `  ${JSON.stringify(this.methods)},`,
      `  ${JSON.stringify(domains)},`,
      `  [${[...this.root.static.values()].map((s) => this.ids.get(s)).join(", ")}],`,
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
    const rule = sampleRule(next);
    return part.pieces.map((piece) => ("text" in piece ? piece.text : `<${rule.variables[piece.converter]!.name}>`)).join("");
  }

  /** One state's row (see the format in runtime/routing/table-format.ts). */
  private row(state: State): number[] {
    const out: number[] = new Array(ROW_SIZE).fill(0);
    out[ROW_FLAGS] = this.domainStates.has(state) ? 1 : 0;
    const rules = (list: AnalysedRule[], field: number) => {
      const fitting = list.filter((rule) => !rule.methods || rule.methods.length > 0); // methods: [] fits no request
      if (!fitting.length) return;
      out[field] = out.length;
      out.push(fitting.length);
      for (const rule of fitting) {
        out.push(rule.index, this.methodMask(rule), (rule.websocket ? RULE_WEBSOCKET : 0) | (rule.strictSlashes ? RULE_STRICT : 0));
      }
    };
    rules(state.rules, ROW_END_RULES);
    rules(state.static.get("")?.rules ?? [], ROW_SLASH_RULES);
    if (state !== this.root && state.static.size) {
      out[ROW_TRIE] = out.length;
      this.writeTrie(
        out,
        trie(
          [...state.static].map(([text, next]) => [text, this.ids.get(next)!]),
          0,
        ),
      );
    }
    if (state.dynamic.length) {
      out[ROW_DYNAMIC] = out.length;
      out.push(state.dynamic.length);
      for (const { part, state: next } of state.dynamic) {
        const record = this.partRecord(part, next, state.depth);
        out.push(record.length, ...record);
      }
    }
    return out;
  }

  private methodMask(rule: AnalysedRule): number {
    if (!rule.methods) return -1;
    let mask = 0;
    for (const m of rule.methods) mask |= 1 << this.methods.indexOf(m);
    return mask;
  }

  /** Writes a trie node and (after it) its children, patching the child offsets. */
  private writeTrie(out: number[], node: TrieNode): void {
    out.push(node.label.length, ...codes(node.label), node.ends);
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
      this.writeTrie(out, child);
    });
  }

  private partRecord(part: RulePart, next: State, depth: number): number[] {
    const kind = this.parts.classify(part, sampleRule(next));
    const id = this.ids.get(next)!;
    if (kind.kind === "single" && !kind.prefix && !kind.suffix) return [PART_SEGMENT, id, 2 * depth, ...check(this.table.converters[kind.converter]!)];
    if (kind.kind === "single") {
      return [PART_SINGLE, id, 2 * depth, ...text(kind.prefix), ...text(kind.suffix), ...check(this.table.converters[kind.converter]!)];
    }
    if (kind.kind === "path") return [PART_PATH, id, 2 * depth, part.suffixed ? 1 : 0, ...text(kind.prefix), ...text(kind.suffix)];
    const converters = part.pieces.filter((p) => "converter" in p).length;
    return [PART_REGEX, id, depth, kind.regexId, part.final ? 1 : 0, part.suffixed ? 1 : 0, converters];
  }
}

/** Trie nodes with this many children or more, over at most DENSE_SPAN character codes, get a table indexed by the character. */
const DENSE_CHILDREN = 4;
const DENSE_SPAN = 64;

const codes = (s: string): number[] => Array.from({ length: s.length }, (_, k) => s.charCodeAt(k));
const text = (s: string): number[] => [s.length, ...codes(s)];

/** The radix trie of `[text, row id]` entries, all of whose texts agree up to `from`. */
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
    case "items":
      return [CHECK_ITEMS, t.items.length, ...t.items.flatMap(text)];
    case "never":
      return [CHECK_NEVER];
  }
}
