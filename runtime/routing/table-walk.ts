// The table tier of the generated matcher: Werkzeug's state machine as data (one Int32Array,
// written by compiler/emit/table.ts) and one walker over it. Large route tables use it: the code
// tier's thousands of small functions are each too rarely called to be optimized, so a lookup of
// a large table runs interpreted (~2-5 µs), where this one walker is hot after a few hundred
// lookups whatever paths are asked, and stays optimized.
//
// The walk is the code tier's (compiler/emit/matcher.ts) step for step: at each state the static
// child (a radix trie over the segment's characters: no slicing, no hashing), then the dynamic
// children in weight order, backtracking on failure; at the end of the path the state's rules in
// order. It returns a rule index, -1 (no rule) or -2 (a strict-slash redirect) and fills the
// MatchState exactly as the code tier does (st.v, st.s, st.allowed/st.na, st.wsMismatch,
// st.noRetry).
//
// Data layout (all offsets within one state's row, which starts at `rows[state]`; 0 = none):
//   row:        flags (1: the state after the domain part, where the path's leading "/" is no
//               empty segment), end rules, slash rules, static trie, dynamic parts
//   rules:      count, then per rule: rule index, method mask (-1: any method), flags (1 websocket,
//               2 strict slashes). End rules answer when the path is used up; slash rules are the
//               rules of the "" child (a trailing-slash rule reached without the slash).
//   trie node:  label length, label characters, state ended here (-1: none), child count, then
//               per child: first character, child node (sorted by character)
//   dynamic:    count, then per part: its length, kind, next state, slot, kind's fields:
//     PART_SINGLE  prefix (length, characters), suffix (length, characters), check, check's fields
//     PART_PATH    suffixed, prefix, suffix
//     PART_REGEX   regex id, final, suffixed, converters
//   checks:     CHECK_ANY_TEXT; CHECK_NONEMPTY; CHECK_LENGTH min max (-1: no maximum); CHECK_INT;
//               CHECK_SIGNED_INT; CHECK_FLOAT; CHECK_SIGNED_FLOAT; CHECK_UUID; CHECK_ITEMS count,
//               then items (length, characters); CHECK_NEVER
// The root row (state 0) is the domain level: its static children are whole domain texts
// (`domains[k]`, with their states), tested with ===, not a trie.
import { isDigits, isFloat, isPathValue, isSignedDigits, isUuid, lengthBetween } from "./converters.js";
import type { MatchState } from "./map.js";

export const ROW_FLAGS = 0,
  ROW_END_RULES = 1,
  ROW_SLASH_RULES = 2,
  ROW_TRIE = 3,
  ROW_DYNAMIC = 4,
  ROW_SIZE = 5;
export const RULE_WEBSOCKET = 1,
  RULE_STRICT = 2;
export const PART_SINGLE = 0,
  PART_PATH = 1,
  PART_REGEX = 2;
export const CHECK_ANY_TEXT = 0,
  CHECK_NONEMPTY = 1,
  CHECK_LENGTH = 2,
  CHECK_INT = 3,
  CHECK_SIGNED_INT = 4,
  CHECK_FLOAT = 5,
  CHECK_SIGNED_FLOAT = 6,
  CHECK_UUID = 7,
  CHECK_ITEMS = 8,
  CHECK_NEVER = 9;
/** Method bits: one per method the table names (at most 30); any other method gets this one. */
export const OTHER_METHOD_BIT = 1 << 30;
export const MAX_TABLE_METHODS = 30;

/**
 * Decodes the emitted data: base-32 digits, most significant first, the last digit of a number
 * from "#".."B" (codes 35-66), the others from "]".."|" (93-124); each number is stored plus one
 * (so -1 is "#"). Rows are concatenated; `rows[k]` is where state k's row starts.
 */
export function decodeTable(rowTexts: readonly string[]): { data: Int32Array; rows: Int32Array } {
  let size = 0;
  for (const text of rowTexts) for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) < 93) size++;
  const data = new Int32Array(size);
  const rows = new Int32Array(rowTexts.length);
  let at = 0;
  for (let r = 0; r < rowTexts.length; r++) {
    rows[r] = at;
    const text = rowTexts[r]!;
    let value = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 93) value = value * 32 + (c - 93);
      else {
        data[at++] = value * 32 + (c - 35) - 1;
        value = 0;
      }
    }
  }
  return { data, rows };
}

/** The inverse of decodeTable, for the compiler: one row's numbers as text. */
export function encodeRow(numbers: readonly number[]): string {
  let out = "";
  for (const n of numbers) {
    let value = n + 1;
    if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw new Error(`wz: cannot encode ${n} in a matcher table`);
    let text = String.fromCharCode(35 + (value % 32));
    value = Math.floor(value / 32);
    while (value > 0) {
      text = String.fromCharCode(93 + (value % 32)) + text;
      value = Math.floor(value / 32);
    }
    out += text;
  }
  return out;
}

/** One route table's matcher: the decoded data and the walk over it. */
export class TableMatcher {
  private readonly data: Int32Array;
  private readonly rows: Int32Array;

  constructor(
    rowTexts: readonly string[],
    /** The methods the rules name; a rule's method mask has bit k for `methods[k]`. */
    private readonly methods: readonly string[],
    /** Whole domain texts of the root's static children, and the state each leads to. */
    private readonly domains: readonly string[],
    private readonly domainStates: readonly number[],
    /** The module's regexes (multi-converter or custom-converter parts), by id. */
    private readonly regexes: readonly RegExp[],
  ) {
    ({ data: this.data, rows: this.rows } = decodeTable(rowTexts));
  }

  /** `CompiledRoutes.walk`. */
  walk(st: MatchState, d: string, p: string): number {
    st.noRetry = true;
    const methods = this.methods;
    let bit = OTHER_METHOD_BIT;
    const m = st.m;
    for (let k = 0; k < methods.length; k++) {
      if (methods[k] === m) {
        bit = 1 << k;
        break;
      }
    }
    const n = p.length;
    const domains = this.domains;
    for (let k = 0; k < domains.length; k++) {
      if (d === domains[k]) {
        const r = this.state(st, p, n, this.domainStates[k]!, 0, bit);
        if (r !== -1) return r;
      }
    }
    const data = this.data;
    const list = data[ROW_DYNAMIC]!;
    if (list !== 0) {
      const count = data[list]!;
      let x = list + 1;
      for (let k = 0; k < count; k++) {
        const r = this.part(st, d, p, n, x + 1, 0, d.length, 0, false, bit);
        if (r !== -1) return r;
        x += data[x]! + 1;
      }
    }
    return -1;
  }

  /** The walk from state `id` with the segment starting at `i` (past the end: no parts left). */
  private state(st: MatchState, p: string, n: number, id: number, i: number, bit: number): number {
    const data = this.data;
    const o = this.rows[id]!;
    if (i > n) {
      const end = data[o + ROW_END_RULES]!;
      if (end !== 0) {
        const r = this.endRules(st, o + end, bit, false);
        if (r !== -1) return r;
      }
      const slash = data[o + ROW_SLASH_RULES]!;
      if (slash !== 0) {
        const ws = st.ws;
        const count = data[o + slash]!;
        for (let x = o + slash + 1, k = 0; k < count; k++, x += 3) {
          const flags = data[x + 2]!;
          if ((data[x + 1]! & bit) !== 0 && ((flags & RULE_WEBSOCKET) !== 0) === ws) return (flags & RULE_STRICT) !== 0 ? -2 : data[x]!;
        }
      }
      return -1;
    }
    // An empty segment ("//"): merging slashes could change the answer (see MatchState.noRetry).
    if (i < n && p.charCodeAt(i) === 47 && data[o + ROW_FLAGS] === 0) st.noRetry = false;
    const trie = data[o + ROW_TRIE]!;
    if (trie !== 0) {
      // The static child whose text is the segment: the trie's labels against the path's characters.
      let x = o + trie;
      let j = i;
      for (;;) {
        const length = data[x++]!;
        if (length !== 0) {
          if (j + length > n) break;
          let k = 0;
          while (k < length && p.charCodeAt(j + k) === data[x + k]) k++;
          if (k < length) break;
          j += length;
          x += length;
        }
        if (j === n || p.charCodeAt(j) === 47) {
          const next = data[x]!;
          if (next >= 0) {
            const r = this.state(st, p, n, next, j + 1, bit);
            if (r !== -1) return r;
          }
          break;
        }
        const c = p.charCodeAt(j);
        const count = data[x + 1]!;
        let child = 0;
        for (let y = x + 2, k = 0; k < count; k++, y += 2) {
          const edge = data[y]!;
          if (edge >= c) {
            if (edge === c) child = data[y + 1]!;
            break;
          }
        }
        if (child === 0) break;
        x = o + child;
        j++;
      }
    }
    const list = data[o + ROW_DYNAMIC]!;
    if (list !== 0) {
      let e = p.indexOf("/", i);
      if (e === -1) e = n;
      const count = data[o + list]!;
      let x = o + list + 1;
      for (let k = 0; k < count; k++) {
        const r = this.part(st, p, p, n, x + 1, i, e, e + 1, true, bit);
        if (r !== -1) return r;
        x += data[x]! + 1;
      }
    }
    // A trailing slash left over matches the state's non-strict rules.
    if (i === n) {
      const end = data[o + ROW_END_RULES]!;
      if (end !== 0) return this.endRules(st, o + end, bit, true);
    }
    return -1;
  }

  /** Werkzeug's loop over a state's rules: the first that fits answers; method misfits are noted for a 405. */
  private endRules(st: MatchState, x: number, bit: number, nonStrictOnly: boolean): number {
    const data = this.data;
    const count = data[x]!;
    const ws = st.ws;
    for (let k = 0, y = x + 1; k < count; k++, y += 3) {
      const flags = data[y + 2]!;
      if (nonStrictOnly && (flags & RULE_STRICT) !== 0) continue;
      if ((data[y + 1]! & bit) === 0) st.allowed[st.na++] = data[y]!;
      else if (((flags & RULE_WEBSOCKET) !== 0) === ws) return data[y]!;
      else st.wsMismatch = true;
    }
    return -1;
  }

  /**
   * One dynamic part (its record at `x`, after the length) against `s[i..e)`: a path segment, or
   * the whole domain (`inPath` false; `resume` is then 0, the path's start). A final part reads the
   * rest of the path `p` from `i`, as the code tier does.
   */
  private part(st: MatchState, s: string, p: string, n: number, x: number, i: number, e: number, resume: number, inPath: boolean, bit: number): number {
    const data = this.data;
    const kind = data[x]!;
    const next = data[x + 1]!;
    const slot = data[x + 2]!;
    if (kind === PART_SINGLE) {
      const pl = data[x + 3]!;
      const sx = x + 4 + pl;
      const sl = data[sx]!;
      if (pl + sl !== 0) {
        if (e - i < pl + sl) return -1;
        for (let k = 0; k < pl; k++) if (s.charCodeAt(i + k) !== data[x + 4 + k]) return -1;
        for (let k = 0; k < sl; k++) if (s.charCodeAt(e - sl + k) !== data[sx + 1 + k]) return -1;
      }
      const a = i + pl,
        b = e - sl;
      if (!this.check(s, a, b, sx + 1 + sl)) return -1;
      st.v[slot] = a;
      st.v[slot + 1] = b;
      return this.state(st, p, n, next, resume, bit);
    }
    // A final part reads the rest of the path, empty segments and all: merging could change it.
    if (inPath) st.noRetry = false;
    if (kind === PART_PATH) {
      const suffixed = data[x + 3]!;
      const pl = data[x + 4]!;
      const sx = x + 5 + pl;
      const sl = data[sx]!;
      if (n - i <= pl + sl) return -1;
      for (let k = 0; k < pl; k++) if (p.charCodeAt(i + k) !== data[x + 5 + k]) return -1;
      const a = i + pl;
      if (suffixed !== 0 && p.charCodeAt(n - 1) === 47) {
        // `(?<!/)(/?)` after the value: the trailing slash is left to the next state (the rule's "" part).
        if (n - i <= pl + sl + 1 || p.charCodeAt(n - 2) === 47 || !this.endsWith(p, n - 1, sx) || !isPathValue(p, a, n - sl - 1)) return -1;
        st.v[slot] = a;
        st.v[slot + 1] = n - sl - 1;
        return this.state(st, p, n, next, n, bit);
      }
      if (!this.endsWith(p, n, sx) || !isPathValue(p, a, n - sl)) return -1;
      st.v[slot] = a;
      st.v[slot + 1] = n - sl;
      return this.state(st, p, n, next, n + 1, bit);
    }
    // PART_REGEX: multi-converter or custom-converter parts, matched as Werkzeug does.
    const final = data[x + 4]!;
    const target = final !== 0 ? p.slice(i) : inPath ? p.slice(i, e) : s;
    const match = this.regexes[data[x + 3]!]!.exec(target);
    if (match === null) return -1;
    const groups = match.groups!;
    const converters = data[x + 6]!;
    for (let k = 0; k < converters; k++) st.s[slot + k] = groups[GROUP_NAMES[k] ?? `wz${k}`]!;
    const from = final === 0 ? resume : data[x + 5]! !== 0 && groups.wzs === "/" ? n : n + 1;
    return this.state(st, p, n, next, from, bit);
  }

  /** Whether `s` ends at `end` with the text recorded at `x` (length, characters). */
  private endsWith(s: string, end: number, x: number): boolean {
    const data = this.data;
    const length = data[x]!;
    for (let k = 0; k < length; k++) if (s.charCodeAt(end - length + k) !== data[x + 1 + k]) return false;
    return true;
  }

  /** A built-in converter's test of `s[a..b)` (its record at `x`), without slicing. */
  private check(s: string, a: number, b: number, x: number): boolean {
    const data = this.data;
    switch (data[x]) {
      case CHECK_ANY_TEXT:
        return true;
      case CHECK_NONEMPTY:
        return b > a;
      case CHECK_LENGTH: {
        const max = data[x + 2]!;
        return lengthBetween(s, a, b, data[x + 1]!, max === -1 ? Infinity : max);
      }
      case CHECK_INT:
        return isDigits(s, a, b);
      case CHECK_SIGNED_INT:
        return isSignedDigits(s, a, b);
      case CHECK_FLOAT:
        return isFloat(s, a, b, false);
      case CHECK_SIGNED_FLOAT:
        return isFloat(s, a, b, true);
      case CHECK_UUID:
        return isUuid(s, a, b);
      case CHECK_ITEMS: {
        const count = data[x + 1]!;
        for (let k = 0, y = x + 2; k < count; k++) {
          const length = data[y]!;
          if (b - a === length) {
            let j = 0;
            while (j < length && s.charCodeAt(a + j) === data[y + 1 + j]) j++;
            if (j === length) return true;
          }
          y += length + 1;
        }
        return false;
      }
      default:
        return false;
    }
  }
}

/** Regex group names of the converters of a part ("wz0", "wz1", ...), made once. */
const GROUP_NAMES = Array.from({ length: 16 }, (_, k) => `wz${k}`);
