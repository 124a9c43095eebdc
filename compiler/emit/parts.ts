// How each dynamic part is tested, shared by the matcher functions (which test it) and the
// convert functions (which read its values from positions or from regex groups). Parts with
// several converters, or a custom one, get a regex, as Werkzeug does; the regex table is emitted
// once for both.
import type { AnalysedRule, RulePart } from "../analyse.js";
import type { ConverterSpec } from "../converters.js";
import { escapeJs } from "../converters.js";
import { str } from "./code.js";

export type PartKind =
  | { kind: "single"; prefix: string; suffix: string; converter: number }
  | { kind: "regex"; regexId: number }
  | { kind: "path"; prefix: string; suffix: string; converter: number };

export class DynamicParts {
  /** Regex sources, by id, in order of first use. */
  readonly regexes: string[] = [];
  private readonly regexIds = new Map<string, number>();
  /** Classification per part identity, so every rule through a shared state reads its values alike. */
  private readonly kinds = new Map<string, PartKind>();

  /** How a dynamic part is tested. */
  classify(part: RulePart, rule: AnalysedRule): PartKind {
    let kind = this.kinds.get(part.key);
    if (!kind) this.kinds.set(part.key, (kind = this.classifyFresh(part, rule)));
    return kind;
  }

  /** Whether each variable of a rule is read from positions or from a regex group. */
  slotKinds(rule: AnalysedRule): Array<"pos" | "regex"> {
    const kinds: Array<"pos" | "regex"> = [];
    for (const part of rule.parts) {
      if (part.static) continue;
      const kind = this.classify(part, rule).kind;
      for (const piece of part.pieces) if ("converter" in piece) kinds.push(kind === "regex" ? "regex" : "pos");
    }
    return kinds;
  }

  /** The `const RE<n> = ...` lines, after every part has been classified. */
  regexTable(): string[] {
    if (!this.regexes.length) return [];
    return [
      "",
      "// Segments with several converters (or custom ones) are matched by a regex, as Werkzeug does.",
      ...this.regexes.map((src, i) => `const RE${i} = new RegExp(${src}, "u");`),
    ];
  }

  /**
   * The part's regex, for the compiler's own use (static-table.ts tests static segments against
   * it): null when a converter is custom, whose regex is only known at run time.
   */
  builtinRegex(part: RulePart, rule: AnalysedRule): RegExp | null {
    let src = "";
    for (const piece of part.pieces) {
      if ("text" in piece) {
        src += escapeJs(piece.text);
        continue;
      }
      const spec = rule.variables[piece.converter]!.converter;
      if (spec.kind === "custom" || spec.jsRegex === undefined) return null;
      src += `(?:${spec.jsRegex})`;
    }
    return new RegExp(`^${src}$`, "u");
  }

  private classifyFresh(part: RulePart, rule: AnalysedRule): PartKind {
    const converters = part.pieces.filter((p): p is { converter: number } => "converter" in p);
    const pieces = part.pieces;
    const single = converters.length === 1 ? converters[0]! : undefined;
    const spec: ConverterSpec | undefined = single ? rule.variables[single.converter]!.converter : undefined;
    const at = single ? pieces.indexOf(single) : -1;
    const textOk = single && pieces.every((p, i) => i === at || ("text" in p && (i === at - 1 || i === at + 1)));
    if (single && spec && spec.kind !== "custom" && textOk) {
      const prefix = at > 0 ? (pieces[at - 1] as { text: string }).text : "";
      const suffix = at < pieces.length - 1 ? (pieces[at + 1] as { text: string }).text : "";
      const converter = rule.variables[single.converter]!.converterId;
      if (part.final && spec.kind === "path") return { kind: "path", prefix, suffix, converter };
      if (!part.final) return { kind: "single", prefix, suffix, converter };
    }
    return { kind: "regex", regexId: this.regexFor(part, rule) };
  }

  private regexFor(part: RulePart, rule: AnalysedRule): number {
    let n = 0;
    const src = part.pieces
      .map((piece) => {
        if ("text" in piece) return str(escapeJs(piece.text));
        const variable = rule.variables[piece.converter]!;
        const group = `"(?<wz${n++}>" + `;
        const spec = variable.converter;
        return spec.kind === "custom" ? `${group}CX${variable.converterId}.regex + ")"` : `${group}${str(spec.jsRegex!)} + ")"`;
      })
      .join(" + ");
    const full = `"^" + ${src || '""'}${part.suffixed ? ` + "(?<!/)(?<wzs>/?)"` : ""} + "$"`;
    let id = this.regexIds.get(full);
    if (id === undefined) {
      id = this.regexes.length;
      this.regexes.push(full);
      this.regexIds.set(full, id);
    }
    return id;
  }
}

/**
 * What a built-in converter asks of a segment, decided once for both matcher tiers (the code tier
 * writes it as an expression, the table tier as a check record).
 */
export type SegmentTest =
  | { test: "any-text" }
  | { test: "non-empty" }
  | { test: "length"; min: number; max: number | null }
  | { test: "int"; signed: boolean }
  | { test: "float"; signed: boolean }
  | { test: "uuid" }
  | { test: "items"; items: readonly string[] }
  | { test: "never" };

export function segmentTest(spec: ConverterSpec): SegmentTest {
  const p = spec.params;
  switch (spec.kind) {
    case "string": {
      if (p.length !== undefined && p.length !== null) return { test: "length", min: p.length, max: p.length };
      const min = p.minLength ?? 1;
      if (p.maxLength === null || p.maxLength === undefined)
        return min === 0 ? { test: "any-text" } : min === 1 ? { test: "non-empty" } : { test: "length", min, max: null };
      return { test: "length", min, max: p.maxLength };
    }
    case "int":
      return { test: "int", signed: !!p.signed };
    case "float":
      return { test: "float", signed: !!p.signed };
    case "uuid":
      return { test: "uuid" };
    case "any": {
      const items = p.items ?? [];
      return items.length ? { test: "items", items } : { test: "never" };
    }
    default:
      throw new Error(`wz-compile: no segment test for ${spec.kind}`);
  }
}
