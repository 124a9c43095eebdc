// Sample paths of a table-tier matcher, made from its data, to give the walker's type feedback
// every kind of step before traffic makes it hot. Without them V8 optimizes the walker after the
// first few hundred lookups, meets a step those never took (another trie node shape, a uuid
// segment, a 405), throws the optimized code away and compiles it again: measured, the walker then
// ran unoptimized (1.2-5 µs a lookup instead of ~0.2) for the first 60-90 ms of CPU.
import {
  CHECK_FLOAT,
  CHECK_INT,
  CHECK_ITEMS,
  CHECK_LENGTH,
  CHECK_NEVER,
  CHECK_SIGNED_FLOAT,
  CHECK_SIGNED_INT,
  CHECK_UUID,
  PART_PATH,
  PART_REGEX,
  PART_SEGMENT,
  PART_SINGLE,
  ROW_DYNAMIC,
  ROW_END_RULES,
  ROW_SLASH_RULES,
  ROW_TRIE,
} from "./table-format.js";

/** Static children and dynamic parts followed from each state while sampling. */
const BRANCHES = 2;

/**
 * Up to `limit` paths that reach a state with rules, depth first from `start` (a state after the
 * domain part), taking at most BRANCHES static children and every dynamic part of each state:
 * deep and shallow paths, every trie shape near the top, every converter kind the table has there.
 */
export function samplePaths(data: Int32Array, rows: Int32Array, start: number, limit: number): string[] {
  const out: string[] = [];
  const visit = (id: number, path: string | null, depth: number): void => {
    if (out.length >= limit || depth > 32) return;
    const o = rows[id]!;
    if (path !== null && (data[o + ROW_END_RULES] !== 0 || data[o + ROW_SLASH_RULES] !== 0)) out.push(path);
    const segment = (text: string) => (path === null ? text : `${path}/${text}`);
    const trie = data[o + ROW_TRIE]!;
    if (trie !== 0) {
      let taken = 0;
      for (const [text, next] of trieTexts(data, o, o + trie, "")) {
        if (taken++ === BRANCHES) break;
        visit(next, segment(text), depth + 1);
      }
    }
    const list = data[o + ROW_DYNAMIC]!;
    if (list !== 0) {
      for (let k = 0, x = o + list + 1; k < data[o + list]!; k++, x += data[x]! + 1) {
        const value = sampleValue(data, x + 1);
        if (value !== null) visit(data[x + 2]!, segment(value), depth + 1);
      }
    }
  };
  visit(start, null, 0);
  return out;
}

/**
 * A domain the root's first dynamic part accepts (host matching with converter hosts only, e.g.
 * `<tenant>.example.com`) and the state it leads to, or null.
 */
export function sampleDomain(data: Int32Array): [domain: string, state: number] | null {
  // The root row (state 0) starts at offset 0.
  const list = data[ROW_DYNAMIC]!;
  if (list === 0) return null;
  for (let k = 0, x = list + 1; k < data[list]!; k++, x += data[x]! + 1) {
    const value = sampleValue(data, x + 1);
    if (value !== null) return [value, data[x + 2]!];
  }
  return null;
}

/** The texts a trie node and its children end, with their states. */
function* trieTexts(data: Int32Array, o: number, x: number, prefix: string): Generator<[string, number]> {
  const length = data[x]!;
  let text = prefix;
  for (let k = 1; k <= length; k++) text += String.fromCharCode(data[x + k]!);
  x += length + 1;
  if (data[x]! !== -1) yield [text, data[x]!];
  const count = data[x + 1]!;
  if (count < 0) {
    for (let k = 0; k < -count; k++) {
      const child = data[x + 3 + k]!;
      if (child !== 0) yield* trieTexts(data, o, o + child, text + String.fromCharCode(data[x + 2]! + k));
    }
  } else {
    for (let k = 0, y = x + 2; k < count; k++, y += 2) yield* trieTexts(data, o, o + data[y + 1]!, text + String.fromCharCode(data[y]!));
  }
}

/** A segment the dynamic part at `x` (its kind) accepts, or null when none can be made from the data. */
function sampleValue(data: Int32Array, x: number): string | null {
  const kind = data[x]!;
  const affixed = (pl: number) => {
    const prefix = text(data, x + 3);
    const suffix = text(data, x + 4 + pl);
    const value = checkSample(data, x + 5 + pl + suffix.length);
    return value === null ? null : prefix + value + suffix;
  };
  if (kind === PART_SEGMENT) return checkSample(data, x + 3);
  if (kind === PART_SINGLE) return affixed(data[x + 3]!);
  if (kind === PART_PATH) return text(data, x + 4) + "a/b" + text(data, x + 5 + data[x + 4]!);
  if (kind === PART_REGEX) return data[x + 4] === 0 ? "a" : null;
  return null;
}

function checkSample(data: Int32Array, x: number): string | null {
  switch (data[x]) {
    case CHECK_INT:
    case CHECK_SIGNED_INT:
      return "7";
    case CHECK_FLOAT:
    case CHECK_SIGNED_FLOAT:
      return "1.5";
    case CHECK_UUID:
      return "0c0ffee0-0000-4000-8000-000000000000";
    case CHECK_LENGTH:
      return "a".repeat(Math.max(1, data[x + 1]!));
    case CHECK_ITEMS:
      return text(data, x + 2);
    case CHECK_NEVER:
      return null;
    default:
      return "a";
  }
}

/** The text recorded at `x` (length, characters). */
function text(data: Int32Array, x: number): string {
  let out = "";
  for (let k = 1; k <= data[x]!; k++) out += String.fromCharCode(data[x + k]!);
  return out;
}
