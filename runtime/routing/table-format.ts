// The table tier's data format: what compiler/emit/table.ts writes and runtime/routing/table-walk.ts
// reads. One Int32Array holds every state's row; the generated module carries it as text, one
// string per state (decodeTable below), so users' tsc parses a few string literals, not code.
//
// Data layout (all offsets within one state's row, which starts at `rows[state]`; 0 = none):
//   row:        flags (1: the state after the domain part, where the path's leading "/" is no
//               empty segment), end rules, slash rules, static trie, dynamic parts
//   rules:      count, then per rule: rule index, method mask (-1: any method), flags (1 websocket,
//               2 strict slashes). End rules answer when the path is used up; slash rules are the
//               rules of the "" child (a trailing-slash rule reached without the slash).
//   trie node:  label length, label characters, state ended here (-1: none), then either child
//               count and per child: first character, child node (sorted by character); or, for
//               a wide node, minus the span of its characters, the first, and a child node (0:
//               none) per character of the span
//   dynamic:    count, then per part: its length, kind, next state, slot, kind's fields:
//     PART_SEGMENT check, check's fields (one converter, the whole segment)
//     PART_SINGLE  prefix (length, characters), suffix (length, characters), check, check's fields
//     PART_PATH    suffixed, prefix, suffix
//     PART_REGEX   regex id, final, suffixed, converters
//   checks:     CHECK_ANY_TEXT; CHECK_NONEMPTY; CHECK_LENGTH min max (-1: no maximum); CHECK_INT;
//               CHECK_SIGNED_INT; CHECK_FLOAT; CHECK_SIGNED_FLOAT; CHECK_UUID; CHECK_ITEMS count,
//               then items (length, characters); CHECK_NEVER
// The root row (state 0) is the domain level: its static children are whole domain texts
// (`domains[k]`, with their states), tested with ===, not a trie.

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
  PART_REGEX = 2,
  PART_SEGMENT = 3;
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
 * from "#".."B" (codes 35-66), the others from "]".."|" (93-124); a number n >= 0 is stored as 2n,
 * a negative one as -2n-1 (so 0 is "#", -1 is "$"). Rows are concatenated; `rows[k]` is where
 * state k's row starts.
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
        value = value * 32 + (c - 35);
        data[at++] = value % 2 === 0 ? value / 2 : -(value + 1) / 2;
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
    if (!Number.isInteger(n) || n < -0x40000000 || n >= 0x40000000) throw new Error(`wz: cannot encode ${n} in a matcher table`);
    let value = n >= 0 ? 2 * n : -2 * n - 1;
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
