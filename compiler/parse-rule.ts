// Rule-string parser: Werkzeug's rule syntax (`/v<int(min=1):a>.<b>`) into pieces, with the
// column of every problem so diagnostics can point inside the string.
import { digitValue } from "../runtime/routing/converters.js";
import { pyFloatValue } from "../runtime/text/python-text.js";

export type ConverterArg = string | number | boolean | null;

export interface StaticPiece {
  kind: "static";
  text: string;
  /** Offset of the text in the rule string. */
  offset: number;
}
export interface VariablePiece {
  kind: "variable";
  name: string;
  converter: string;
  /** The converter was written explicitly (`<int:x>`), not implied (`<x>`). */
  explicitConverter: boolean;
  args: ConverterArg[];
  kwargs: Record<string, ConverterArg>;
  offset: number;
  length: number;
  /** Offset of the converter name, for "unknown converter" diagnostics. */
  converterOffset: number;
}
export interface SlashPiece {
  kind: "slash";
  offset: number;
}
export type RulePiece = StaticPiece | VariablePiece | SlashPiece;

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
    this.name = "RuleSyntaxError";
  }
}

const NAME_START = /[a-zA-Z_]/;
const NAME_CHAR = /[a-zA-Z0-9_]/;

/**
 * Splits a rule string the way Werkzeug's `_part_re` does: slashes, runs of static text (no `<`
 * or `/`), and `<converter(args):name>` variables. Anything else (a stray `<`, an unclosed
 * variable, a bad name) is an error at its column, as Werkzeug refuses it too.
 */
export function parseRuleString(rule: string): RulePiece[] {
  const pieces: RulePiece[] = [];
  let pos = 0;
  while (pos < rule.length) {
    const ch = rule[pos]!;
    if (ch === "/") {
      pieces.push({ kind: "slash", offset: pos });
      pos++;
      continue;
    }
    if (ch !== "<") {
      let end = pos;
      while (end < rule.length && rule[end] !== "<" && rule[end] !== "/") end++;
      pieces.push({ kind: "static", text: rule.slice(pos, end), offset: pos });
      pos = end;
      continue;
    }
    const variable = parseVariable(rule, pos);
    pieces.push(variable);
    pos = variable.offset + variable.length;
  }
  return pieces;
}

function readName(rule: string, pos: number): number {
  if (pos >= rule.length || !NAME_START.test(rule[pos]!)) return pos;
  let end = pos + 1;
  while (end < rule.length && NAME_CHAR.test(rule[end]!)) end++;
  return end;
}

function parseVariable(rule: string, start: number): VariablePiece {
  const close = rule.indexOf(">", start);
  const fail = (message: string, at: number, length = 1): never => {
    throw new RuleSyntaxError(message, at, length);
  };
  let pos = start + 1;
  const firstEnd = readName(rule, pos);
  if (firstEnd === pos) fail(`malformed url rule: expected a variable or converter name after "<"`, pos);
  let converter = "default";
  let explicitConverter = false;
  let converterOffset = start + 1;
  let argsText: string | undefined;
  let argsOffset = 0;
  let name: string;
  if (rule[firstEnd] === "(" || rule[firstEnd] === ":") {
    converter = rule.slice(pos, firstEnd);
    explicitConverter = true;
    converterOffset = pos;
    pos = firstEnd;
    if (rule[pos] === "(") {
      // Werkzeug's `\((?P<arguments>.*?)\)` followed by `:`: the first ")" that is followed by ":".
      const closeParen = rule.indexOf("):", pos);
      if (closeParen === -1)
        fail(`malformed url rule: converter arguments of "${converter}" are not closed with "):"`, pos, (close === -1 ? rule.length : close) - pos);
      argsOffset = pos + 1;
      argsText = rule.slice(argsOffset, closeParen);
      pos = closeParen + 1;
    }
    pos++; // the ":"
    const nameEnd = readName(rule, pos);
    if (nameEnd === pos) fail(`malformed url rule: expected a variable name after "${rule.slice(start, pos)}"`, pos);
    name = rule.slice(pos, nameEnd);
    pos = nameEnd;
  } else {
    name = rule.slice(pos, firstEnd);
    pos = firstEnd;
  }
  if (rule[pos] !== ">") fail(`malformed url rule: expected ">" to close the variable "${name}"`, start, Math.max(1, pos - start));
  const { args, kwargs } = argsText === undefined ? { args: [], kwargs: {} } : parseConverterArgs(argsText, argsOffset);
  return {
    kind: "variable",
    name,
    converter,
    explicitConverter,
    args,
    kwargs,
    offset: start,
    length: pos + 1 - start,
    converterOffset,
  };
}

// Werkzeug's `_converter_args_re`, item by item (Python's `\w`/`\d` are Unicode-aware; so are these).
const ARG_ITEM =
  /\s*(?:(\p{L}[\p{L}\p{N}_]*|[\p{N}_][\p{L}\p{N}_]*)\s*=\s*)?(True|False|\p{Nd}+.\p{Nd}+|\p{Nd}+.|\p{Nd}+|[\p{L}\p{N}_.]+|[urUR]?("[^"]*?"|'[^']*'))\s*,/uy;

/** Parses converter arguments as Werkzeug's `parse_converter_args` does, Python literals included. */
export function parseConverterArgs(text: string, baseOffset = 0): { args: ConverterArg[]; kwargs: Record<string, ConverterArg> } {
  const source = text + ",";
  const args: ConverterArg[] = [];
  const kwargs: Record<string, ConverterArg> = Object.create(null);
  let pos = 0;
  while (pos < source.length) {
    ARG_ITEM.lastIndex = pos;
    const m = ARG_ITEM.exec(source);
    if (!m) {
      const rest = source.slice(pos, -1).trim() || source.slice(pos, -1);
      throw new RuleSyntaxError(`cannot parse converter argument "${rest}"`, baseOffset + pos, Math.max(1, text.length - pos));
    }
    const value = m[3] !== undefined ? m[3].slice(1, -1) : pythonize(m[2]!);
    if (m[1] === undefined) args.push(value);
    else kwargs[m[1]] = value;
    pos = ARG_ITEM.lastIndex;
  }
  return { args, kwargs };
}

/** Python's reading of an unquoted argument: None/True/False, int, float, else the text itself. */
function pythonize(value: string): ConverterArg {
  if (value === "None") return null;
  if (value === "True") return true;
  if (value === "False") return false;
  const ascii = value.replace(/\p{Nd}/gu, (d) => String(digitValue(d.codePointAt(0)!)));
  if (/^[+-]?\d+$/.test(ascii.replace(/_/g, "")) && !/^_|_$|__/.test(ascii)) return Number(ascii.replace(/_/g, ""));
  const float = pyFloatValue(ascii);
  if (float !== null) return float;
  return value;
}
