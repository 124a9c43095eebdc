// The table tier of the generated matcher: Werkzeug's state machine as data (one Int32Array,
// written by compiler/emit/table.ts) and one walker over it. Large route tables use it: the code
// tier's thousands of small functions are each too rarely called to be optimized, so a lookup of
// a large table runs interpreted (~2-5 µs), where this one walker is hot whatever paths are
// asked: its import-time warm-up gets it compiled before or during the first requests, and it
// stays optimized.
//
// The walk is the code tier's (compiler/emit/matcher.ts) step for step: at each state the static
// child (a radix trie over the segment's characters: no slicing, no hashing), then the dynamic
// children in weight order, backtracking on failure; at the end of the path the state's rules in
// order. It returns a rule index, -1 (no rule) or -2 (a strict-slash redirect) and fills the
// MatchState exactly as the code tier does (st.v, st.s, st.allowed/st.na, st.wsMismatch,
// st.noRetry).
//
// The data's layout is in table-format.ts.
import { isDigits, isFloat, isPathValue, isSignedDigits, isUuid, lengthBetween } from "./converters.js";
import { MatchState } from "./map.js";
import { sampleDomain, samplePaths } from "./table-samples.js";
import {
  CHECK_ANY_TEXT,
  CHECK_FLOAT,
  CHECK_INT,
  CHECK_ITEMS,
  CHECK_LENGTH,
  CHECK_NONEMPTY,
  CHECK_SIGNED_FLOAT,
  CHECK_SIGNED_INT,
  CHECK_UUID,
  decodeTable,
  OTHER_METHOD_BIT,
  PART_PATH,
  PART_REGEX,
  PART_SEGMENT,
  PART_SINGLE,
  ROW_DYNAMIC,
  ROW_END_RULES,
  ROW_FLAGS,
  ROW_SLASH_RULES,
  ROW_TRIE,
  RULE_STRICT,
  RULE_WEBSOCKET,
} from "./table-format.js";

/** The row fields that hold rule lists: the rules that end at the state, and its slash-redirect rules. */
const RULE_FIELDS = [ROW_END_RULES, ROW_SLASH_RULES];

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
    this.entries = domainStates.map((state) => pathEntry(this.data, this.rows, state));
    this.firstChars = firstCharMasks(this.data, this.rows, this.entries);
    this.warm();
  }
  /** Per static domain, the state after the path's leading "/" where the walk may start there (see pathEntry), else -1. */
  private readonly entries: readonly number[];
  /** Per static domain, three words: the first characters a rule's first segment may start with (see firstCharMasks). */
  private readonly firstChars: Int32Array;

  /**
   * Walks sample paths of the table (table-samples.ts) a few ways (the method a rule takes, one
   * none takes, with a trailing slash, with a character more), so that every kind of step has
   * type feedback before traffic makes the walker hot, and often enough for V8 to mark it for
   * optimization at import (see WARM_WALKS).
   */
  private warm(): void {
    const data = this.data;
    let slots = 1,
      rules = 0;
    for (let id = 0; id < this.rows.length; id++) {
      const o = this.rows[id]!;
      for (const field of RULE_FIELDS) if (data[o + field] !== 0) rules += data[o + data[o + field]!]!;
      const list = data[o + ROW_DYNAMIC]!;
      if (list === 0) continue;
      for (let k = 0, x = o + list + 1; k < data[o + list]!; k++, x += data[x]! + 1) {
        const slot = data[x + 3]!;
        slots = Math.max(slots, data[x + 1] === PART_REGEX ? slot + data[x + 7]! : slot / 2 + 1);
      }
    }
    const st = new MatchState(slots, rules);
    // The stack is replaced when a deep path outgrows it: replaced once now, so V8 never compiles
    // the walker assuming it constant (see the loop below).
    this.stack = new Int32Array(this.stack.length);
    // The first static domain, else (host matching with only converter hosts) a host the first
    // dynamic domain part accepts.
    const [domain, start] = this.domains.length ? [this.domains[0]!, this.domainStates[0]!] : (sampleDomain(data) ?? ["", -1]);
    if (start === -1) return;
    // The method most rules take, so that most sample walks end in a rule (and in a strict-slash
    // redirect): the first method named, often DELETE, left the redirect's test without type
    // feedback, and the first redirect of the traffic threw the optimized walk away (seen with
    // --trace-deopt on the 10k set). "WARM", a method no rule takes, gives the 405s.
    const method = this.commonestMethod();
    const walks: Array<[string, string]> = [];
    for (const path of samplePaths(data, this.rows, start, SAMPLE_PATHS))
      walks.push([path, method], [path, "WARM"], [path + "/", method], [path + "x", method]);
    // A 404 the first character decides, so the walk has feedback for that branch too (a branch
    // first taken by traffic would throw the optimized walk away).
    const unknown = this.domains.length ? unknownFirstChar(this.firstChars) : -1;
    if (unknown !== -1) walks.push([`/${String.fromCharCode(unknown)}x/y`, method]);
    if (walks.length === 0) return;
    const rounds = Math.max(WARM_ROUNDS, Math.ceil(WARM_WALKS / walks.length));
    for (let round = 0; round < rounds; round++) {
      // Every field a lookup writes is written here too, websocket flag included (some rounds
      // ask for WebSocket rules): V8 treats a field never reassigned as constant, and code
      // compiled on that assumption is thrown away at the first lookup that writes it (measured:
      // the walker's first compile, 60 ms of work, discarded at the first request).
      const ws = round % 2 === 1;
      for (const [p, m] of walks) {
        st.m = m;
        st.ws = ws;
        st.na = 0;
        st.wsMismatch = false;
        st.noRetry = false;
        this.walk(st, domain, p);
      }
    }
  }

  /** `CompiledRoutes.walk`. */
  walk(st: MatchState, d: string, p: string): number {
    st.noRetry = true;
    const n = p.length;
    // The first character of the path's first segment ("/" for the paths "/" and "").
    const c = n > 1 ? p.charCodeAt(1) : 47;
    let bit = 0;
    const domains = this.domains;
    for (let k = 0; k < domains.length; k++) {
      if (d === domains[k]) {
        // A first character no rule's path starts with: a 404 without the walk (firstCharMasks).
        if (c >= 32 && c < 128 && ((this.firstChars[3 * k + (c >> 5) - 1]! >>> (c & 31)) & 1) === 0) continue;
        if (bit === 0) bit = this.methodBit(st.m);
        const entry = this.entries[k]!;
        let r = -1;
        if (entry === -1) r = this.run(st, p, n, this.domainStates[k]!, 0, bit);
        else if (n === 0 || p.charCodeAt(0) === 47) r = this.run(st, p, n, entry, 1, bit);
        if (r !== -1) return r;
      }
    }
    const data = this.data;
    const list = data[ROW_DYNAMIC]!;
    if (list !== 0) {
      if (bit === 0) bit = this.methodBit(st.m);
      const count = data[list]!;
      for (let k = 0, x = list + 1; k < count; k++, x += data[x]! + 1) {
        const from = this.part(st, d, p, n, x + 1, 0, d.length, 0, false);
        if (from === -1) continue;
        const r = this.run(st, p, n, data[x + 2]!, from, bit);
        if (r !== -1) return r;
      }
    }
    return -1;
  }

  /** The method whose bit most rule entries of the rows hold (GET where none holds any). */
  private commonestMethod(): string {
    const data = this.data;
    const counts = this.methods.map(() => 0);
    for (let id = 0; id < this.rows.length; id++) {
      const o = this.rows[id]!;
      for (const field of RULE_FIELDS) {
        if (data[o + field] === 0) continue;
        const x = o + data[o + field]!;
        for (let k = 0, y = x + 1; k < data[x]!; k++, y += 3) for (let b = 0; b < counts.length; b++) if ((data[y + 1]! >> b) & 1) counts[b]!++;
      }
    }
    const best = counts.indexOf(Math.max(0, ...counts));
    return best === -1 || counts[best] === 0 ? "GET" : this.methods[best]!;
  }

  /** The method's bit in the rules' method masks. */
  private methodBit(m: string): number {
    const methods = this.methods;
    for (let k = 0; k < methods.length; k++) if (methods[k] === m) return 1 << k;
    return OTHER_METHOD_BIT;
  }

  /**
   * The walk from state `start` with the segment starting at `i`, depth first without recursion:
   * a state with dynamic children (or non-strict rules a trailing slash may match) leaves a frame
   * on the stack before its static child is entered, and a failed branch resumes the top frame
   * (backtrack, a function of its own: see WARM_WALKS). Frames: state, segment start, next
   * dynamic record, records left, segment end (-1: not yet).
   */
  private run(st: MatchState, p: string, n: number, start: number, i: number, bit: number): number {
    const data = this.data;
    const rows = this.rows;
    let sp = 0;
    let id = start;
    for (;;) {
      const o = rows[id]!;
      if (i > n) {
        // The path is used up: the state's rules, then the rules one slash further (a redirect or a non-strict match).
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
      } else {
        // The segment's first character ("/" also for the path's end); each character is read once.
        const c = i < n ? p.charCodeAt(i) : 47;
        // An empty segment ("//"): merging slashes could change the answer (see MatchState.noRetry).
        if (c === 47 && i < n && data[o + ROW_FLAGS] === 0) st.noRetry = false;
        const list = data[o + ROW_DYNAMIC]!;
        if (list !== 0 || (i === n && data[o + ROW_END_RULES] !== 0)) sp = this.push(sp, id, i, o, list);
        const trie = data[o + ROW_TRIE]!;
        if (trie !== 0) {
          const end = this.staticChild(p, n, o, o + trie, i, c);
          if (end !== -1) {
            id = this.found;
            i = end + 1;
            continue;
          }
        }
      }
      if (sp === 0) return -1;
      // No match below: resume the frames (see backtrack).
      const r = this.backtrack(st, p, n, bit, sp);
      if (r !== RESUME) return r;
      sp = this.sp;
      id = this.found;
      i = this.at;
    }
  }
  private stack = new Int32Array(64);
  /** Where backtrack left the walk: the stack's height and the segment start of the state in `found`. */
  private sp = 0;
  private at = 0;

  /** Pushes a frame (see run) and returns the stack's new height. */
  private push(sp: number, id: number, i: number, o: number, list: number): number {
    let stack = this.stack;
    if (sp + 5 > stack.length) {
      const grown = new Int32Array(stack.length * 2);
      grown.set(stack);
      this.stack = stack = grown;
    }
    stack[sp] = id;
    stack[sp + 1] = i;
    stack[sp + 2] = o + list + 1;
    stack[sp + 3] = list === 0 ? 0 : this.data[o + list]!;
    stack[sp + 4] = -1;
    return sp + 5;
  }

  /**
   * After a failed branch: the top frame's next dynamic child, else its non-strict rules (a
   * trailing slash left over), else the frame below. Returns a rule, -1 when no frame is left,
   * or RESUME with the state to enter in `found`, its segment start in `at` and the stack's
   * height in `sp`. Kept out of run: each function stays small enough for V8 to mark and
   * compile it within the first lookups (one large walker took 50 ms to compile).
   */
  private backtrack(st: MatchState, p: string, n: number, bit: number, sp: number): number {
    const data = this.data;
    const stack = this.stack;
    while (sp !== 0) {
      const fi = stack[sp - 4]!;
      let left = stack[sp - 2]!;
      if (left !== 0) {
        for (let x = stack[sp - 3]!; left !== 0; ) {
          const next = data[x + 2]!;
          let from = -1;
          if (data[x + 1] === PART_SEGMENT && data[x + 4] === CHECK_INT) {
            // The commonest part, inline: ASCII digits up to the segment's end, found by the same scan.
            let k = fi,
              c = 47;
            while (k < n && (c = p.charCodeAt(k)) >= 48 && c <= 57) k++;
            if (k === n || c === 47) {
              stack[sp - 1] = k;
              if (k > fi) {
                const slot = data[x + 3]!;
                st.v[slot] = fi;
                st.v[slot + 1] = k;
                from = k + 1;
              }
            } else if (c >= 128) {
              from = this.part(st, p, p, n, x + 1, fi, this.segmentEnd(p, n, sp), -2, true);
            }
          } else if (data[x + 1] === PART_SEGMENT && data[x + 4] === CHECK_UUID) {
            // A uuid is 36 characters: its end is known without looking for it.
            const e = fi + 36;
            if ((e < n ? p.charCodeAt(e) === 47 : e === n) && isUuid(p, fi, e)) {
              stack[sp - 1] = e;
              const slot = data[x + 3]!;
              st.v[slot] = fi;
              st.v[slot + 1] = e;
              from = e + 1;
            }
          } else if (data[x + 1] === PART_SEGMENT && data[x + 4] === CHECK_NONEMPTY) {
            // The default converter, inline: any segment but the empty one.
            const e = this.segmentEnd(p, n, sp);
            if (e > fi) {
              const slot = data[x + 3]!;
              st.v[slot] = fi;
              st.v[slot + 1] = e;
              from = e + 1;
            }
          } else {
            from = this.part(st, p, p, n, x + 1, fi, this.segmentEnd(p, n, sp), -2, true);
          }
          x += data[x]! + 1;
          left--;
          if (from !== -1) {
            stack[sp - 3] = x;
            stack[sp - 2] = left;
            this.sp = sp;
            this.found = next;
            this.at = from;
            return RESUME;
          }
        }
      }
      sp -= 5;
      // A trailing slash left over matches the state's non-strict rules.
      if (fi === n) {
        const o = this.rows[stack[sp]!]!;
        const end = data[o + ROW_END_RULES]!;
        if (end !== 0) {
          const r = this.endRules(st, o + end, bit, true);
          if (r !== -1) return r;
        }
      }
    }
    return -1;
  }

  /**
   * The static child whose text is the segment at `i` (its first character `c`, "/" at the end):
   * the trie at `x` read against the path's characters. Returns the segment's end, the child in
   * `found`; -1 when no text fits.
   */
  private staticChild(p: string, n: number, o: number, x: number, i: number, c: number): number {
    const data = this.data;
    let j = i;
    for (;;) {
      const length = data[x++]!;
      if (length !== 0) {
        if (j + length > n || c !== data[x]) return -1;
        const stop = x + length;
        x++;
        j++;
        while (x < stop && p.charCodeAt(j) === data[x]) {
          x++;
          j++;
        }
        if (x < stop) return -1;
        c = j < n ? p.charCodeAt(j) : 47;
      }
      if (c === 47) {
        // The segment ends here: the state whose text it is, if any.
        const next = data[x]!;
        if (next === -1) return -1;
        this.found = next;
        return j;
      }
      const count = data[x + 1]!;
      let child = 0;
      if (count < 0) {
        const at = c - data[x + 2]!;
        if (at >= 0 && at < -count) child = data[x + 3 + at]!;
      } else if (count <= LINEAR_CHILDREN) {
        for (let y = x + 2, k = 0; k < count; k++, y += 2) {
          const edge = data[y]!;
          if (edge >= c) {
            if (edge === c) child = data[y + 1]!;
            break;
          }
        }
      } else {
        child = this.searchChildren(x + 2, count, c);
      }
      if (child === 0) return -1;
      x = o + child;
      j++;
      c = j < n ? p.charCodeAt(j) : 47;
    }
  }
  private found = 0;

  /**
   * The child node of a sorted list of `count` (character, node) pairs at `x` for character `c`
   * (0: none), by binary search: for many children spread over a wide range (e.g. thousands of CJK
   * first characters), where a scan took microseconds. Its own function, so staticChild stays
   * small enough for V8 to inline it into the walk.
   */
  private searchChildren(x: number, count: number, c: number): number {
    const data = this.data;
    let lo = 0,
      hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const edge = data[x + 2 * mid]!;
      if (edge < c) lo = mid + 1;
      else if (edge > c) hi = mid - 1;
      else return data[x + 2 * mid + 1]!;
    }
    return 0;
  }

  /** The end of the segment of the frame below `sp` ("/" or the path's end), found once per frame. */
  private segmentEnd(p: string, n: number, sp: number): number {
    const stack = this.stack;
    let e = stack[sp - 1]!;
    if (e === -1) {
      // A short segment is found sooner by reading it than by indexOf's call (~9 ns).
      e = stack[sp - 4]!;
      const stop = Math.min(e + 16, n);
      while (e < stop && p.charCodeAt(e) !== 47) e++;
      if (e === stop && e < n) {
        e = p.indexOf("/", e);
        if (e === -1) e = n;
      }
      stack[sp - 1] = e;
    }
    return e;
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
   * the whole domain (`inPath` false; `resume` is then 0, the path's start; -2 is `e + 1`). Returns where the
   * walk resumes in the part's next state (-1: no match), its values stored. A final part reads
   * the rest of the path `p` from `i`, as the code tier does.
   */
  private part(st: MatchState, s: string, p: string, n: number, x: number, i: number, e: number, resume: number, inPath: boolean): number {
    const data = this.data;
    const kind = data[x]!;
    const slot = data[x + 2]!;
    if (resume === -2) resume = e + 1;
    if (kind === PART_SEGMENT) {
      if (!this.check(s, i, e, x + 3)) return -1;
      st.v[slot] = i;
      st.v[slot + 1] = e;
      return resume;
    }
    if (kind === PART_SINGLE) {
      const pl = data[x + 3]!;
      const sx = x + 4 + pl;
      const sl = data[sx]!;
      if (pl + sl !== 0) {
        if (e - i < pl + sl) return -1;
        for (let k = 0; k < pl; k++) if (s.charCodeAt(i + k) !== data[x + 4 + k]) return -1;
        if (!this.endsWith(s, e, sx)) return -1;
      }
      const a = i + pl,
        b = e - sl;
      if (!this.check(s, a, b, sx + 1 + sl)) return -1;
      st.v[slot] = a;
      st.v[slot + 1] = b;
      return resume;
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
        return n;
      }
      if (!this.endsWith(p, n, sx) || !isPathValue(p, a, n - sl)) return -1;
      st.v[slot] = a;
      st.v[slot + 1] = n - sl;
      return n + 1;
    }
    // PART_REGEX: multi-converter or custom-converter parts, matched as Werkzeug does.
    const final = data[x + 4]!;
    const target = final !== 0 ? p.slice(i) : inPath ? p.slice(i, e) : s;
    const match = this.regexes[data[x + 3]!]!.exec(target);
    if (match === null) return -1;
    const groups = match.groups!;
    const converters = data[x + 6]!;
    for (let k = 0; k < converters; k++) st.s[slot + k] = groups[GROUP_NAMES[k] ?? `wz${k}`]!;
    return final === 0 ? resume : data[x + 5]! !== 0 && groups.wzs === "/" ? n : n + 1;
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

/**
 * Passes over the sample walks. V8 marks a function for optimization once it is hot and its type
 * feedback has stopped changing; the later passes change nothing.
 */
const WARM_ROUNDS = 4;
/**
 * Walks at import, at least (the sample walks repeated). V8 marks a function once it has run a
 * few times its own size in bytecode; with this many walks the walker's loop (run, staticChild)
 * is marked during the import, so it is compiled in the background while the rest of the module
 * loads and the first requests run, not after them. Measured (bench/match-warmup.mjs): with ~800
 * walks the 10k set's misses took 120 ns a lookup at 50 ms of CPU instead of 540.
 */
const WARM_WALKS = 800;
/** Sorted children of a trie node scanned one by one; more are binary searched. */
const LINEAR_CHILDREN = 8;
/** Sample paths walked, each four ways (see warm). */
const SAMPLE_PATHS = 48;

/** backtrack's answer when the walk goes on (see TableMatcher.sp, found, at). */
const RESUME = -3;

/** Regex group names of the converters of a part ("wz0", "wz1", ...), made once. */
const GROUP_NAMES = Array.from({ length: 16 }, (_, k) => `wz${k}`);

/**
 * For each static domain's state, a mask of the characters 32-127 (three 32-bit words, for 32-63,
 * 64-95, 96-127) that may follow the path's leading "/" in a path the walk can answer, all ones
 * where it cannot rule one out. The walk from a domain state takes its "" child (the text before
 * the leading "/"), then the child state's static children by their first character, or a
 * dynamic part. So where the domain state has only the "" static child and no dynamic part, and
 * that child has no dynamic part either, a path whose second character starts none of the
 * child's static texts fits no rule: no frame is left to backtrack to, and no rule or slash
 * redirect ends before that segment (it is not the path's end). "/" always passes (an empty
 * segment: the walk notes it for the merge-slashes retry, and the `""` text is "//"), so do the
 * paths "/" and "" (their character is taken as "/"), and characters outside 32-127, which the
 * mask does not hold. The code tier's `walk` tests the same condition (firstCharGuard in
 * compiler/emit/matcher.ts).
 */
function firstCharMasks(data: Int32Array, rows: Int32Array, entries: readonly number[]): Int32Array {
  const masks = new Int32Array(3 * entries.length).fill(-1);
  for (let k = 0; k < entries.length; k++) {
    const start = entries[k]!;
    if (start === -1) continue;
    const o = rows[start]!;
    if (data[o + ROW_DYNAMIC] !== 0) continue;
    const word = [0, 0, 0];
    const allow = (c: number): void => {
      if (c >= 32 && c < 128) word[(c >> 5) - 1]! |= 1 << (c & 31);
    };
    allow(47);
    const trie = data[o + ROW_TRIE]!;
    if (trie !== 0) {
      const x = o + trie;
      const length = data[x]!;
      if (length !== 0) allow(data[x + 1]!);
      else {
        // The root node: its children's characters (its own state, the text "", is the "/" above).
        const after = x + 1;
        const count = data[after + 1]!;
        if (count < 0) {
          for (let at = 0; at < -count; at++) if (data[after + 3 + at] !== 0) allow(data[after + 2]! + at);
        } else for (let y = after + 2, j = 0; j < count; j++, y += 2) allow(data[y]!);
      }
    }
    masks.set(word, 3 * k);
  }
  return masks;
}

/** A character the first domain's mask rules out as a path's second character, or -1. */
function unknownFirstChar(masks: Int32Array): number {
  for (let c = 48; c < 128; c++) if (((masks[(c >> 5) - 1]! >>> (c & 31)) & 1) === 0) return c;
  return -1;
}

/**
 * The state after the path's leading "/" (the domain state's "" child), where the walk from the
 * domain state `state` can start at the path's second character instead: the domain state has
 * no other static child and no dynamic part, and no rules of its own (a path "" would leave a
 * frame there). Its step is then always the same: the "" child when the path starts with "/" or
 * is "" (the segment at 0 is then "", its end taken as "/"), no match otherwise, no frame left,
 * no empty segment noted (the leading "/" is none). -1 when the walk must take that step itself.
 */
function pathEntry(data: Int32Array, rows: Int32Array, state: number): number {
  const o = rows[state]!;
  if (data[o + ROW_DYNAMIC] !== 0 || data[o + ROW_END_RULES] !== 0) return -1;
  const trie = data[o + ROW_TRIE]!;
  if (trie === 0) return -1;
  const x = o + trie;
  // A node of no label that ends a state and has no children.
  if (data[x] !== 0 || data[x + 1] === -1 || data[x + 2] !== 0) return -1;
  return data[x + 1]!;
}
