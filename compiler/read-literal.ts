// The literal reader: a routes file written only with literals -- `import { ... } from
// "wz/routing"` and `export default routes({ ... }, [rule("...", { ... }), ...])`, as generated
// tables and most hand-written files are -- read by a small scanner, without loading TypeScript
// (~0.4-0.9 s of a cold compile) or building a syntax tree (~0.3 s per 10,000 rules).
//
// It gives the same RoutesSource as the TypeScript reader (read-routes.ts), spans included, or
// gives up: anything beyond that subset -- a const, a spread, `as const`, a custom converter, an
// escape in a string, an unknown or mistyped option, a syntax error -- returns undefined and the
// TypeScript reader reads the file and reports. It never reports anything itself, so every
// diagnostic keeps one source. test/compiler-read-literal.test.ts checks both readers agree.
import type { DeclNode, MapOptions, RoutesSource, RuleOptionsInput, SourceSpan } from "./model.js";
import { DEFAULT_MAP_OPTIONS } from "./model.js";
import { MAP_OPTIONS, RULE_OPTIONS, hasKind } from "./option-kinds.js";

type Factory = "routes" | "rule" | "submount" | "subdomain" | "endpointPrefix";
const FACTORIES = new Set<string>(["routes", "rule", "submount", "subdomain", "endpointPrefix"]);

/** Sticky: matched at the scanner's position. An identifier with an escape or a non-ASCII letter is TypeScript's to read. */
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*(?![\\\u0080-\uffff])/y;
const NUMBER = /(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?![0-9A-Za-z_$.])/y;

/** Thrown inside the scanner to give up; caught at the top, never escapes. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Read `text` (the contents of `file`, an absolute path with `/` separators), or undefined to defer to TypeScript. */
export function readLiteralRoutes(file: string, text: string): RoutesSource | undefined {
  try {
    return new LiteralScanner(file, text).file();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

enum Char {
  Tab = 9,
  LineFeed = 10,
  VerticalTab = 11,
  FormFeed = 12,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Dollar = 36,
  Apostrophe = 39,
  Slash = 47,
  Backslash = 92,
  Backtick = 96,
  Star = 42,
}

class LiteralScanner {
  private pos = 0;
  /** Where the last token ended (before the trivia after it): the end of a call's span. */
  private tokenEnd = 0;
  /** True when a line break was skipped before the current token (statements need one or a `;`). */
  private newlineBefore = false;
  private readonly factories = new Map<string, Factory>();
  private lineStarts: number[] | undefined;

  constructor(
    private readonly fileName: string,
    private readonly text: string,
  ) {}

  file(): RoutesSource {
    let result: RoutesSource | undefined;
    this.skipTrivia();
    while (this.pos < this.text.length) {
      const start = this.pos;
      const keyword = this.identifier();
      if (keyword === "import") this.importDeclaration();
      else if (keyword === "export" && this.identifier() === "default" && result === undefined) result = this.defaultExport();
      else throw GIVE_UP;
      if (!this.eat(";") && !this.newlineBefore && this.pos < this.text.length) throw GIVE_UP;
      if (this.pos === start) throw GIVE_UP;
    }
    if (result === undefined) throw GIVE_UP;
    return result;
  }

  // --- statements ----------------------------------------------------------------------------

  private importDeclaration(): void {
    const names: Array<[string, string]> = [];
    this.expect("{");
    while (!this.eat("}")) {
      const imported = this.identifier();
      if (imported === "type") throw GIVE_UP;
      let local = imported;
      if (this.peekWord("as")) {
        this.identifier();
        local = this.identifier();
      }
      names.push([local, imported]);
      if (!this.eat(",")) {
        this.expect("}");
        break;
      }
    }
    if (this.identifier() !== "from" || this.stringLiteral().value !== "wz/routing") throw GIVE_UP;
    for (const [local, imported] of names) {
      if (this.factories.has(local) || !FACTORIES.has(imported)) throw GIVE_UP;
      this.factories.set(local, imported as Factory);
    }
  }

  private defaultExport(): RoutesSource {
    const call = this.call();
    if (call.factory !== "routes") throw GIVE_UP;
    let options: MapOptions = { ...DEFAULT_MAP_OPTIONS };
    if (this.peek() === "{") {
      options = this.mapOptions();
      this.expect(",");
    }
    const rules = this.declarationList();
    this.eat(",");
    this.expect(")");
    return { file: this.fileName, options, converters: [], rules };
  }

  private mapOptions(): MapOptions {
    const options: MapOptions = { ...DEFAULT_MAP_OPTIONS };
    for (const [key, value] of this.objectEntries()) {
      const kind = Object.hasOwn(MAP_OPTIONS, key) ? MAP_OPTIONS[key as keyof MapOptions] : undefined;
      if (kind === undefined || !hasKind(value, kind)) throw GIVE_UP;
      (options as unknown as Record<string, Value>)[key] = value;
    }
    return options;
  }

  // --- declarations --------------------------------------------------------------------------

  private declarationList(): DeclNode[] {
    return this.list(() => this.declaration());
  }

  /** `[item, item, ...]`, a trailing comma allowed. */
  private list<T>(item: () => T): T[] {
    const items: T[] = [];
    this.expect("[");
    while (!this.eat("]")) {
      items.push(item());
      if (!this.eat(",")) {
        this.expect("]");
        break;
      }
    }
    return items;
  }

  private declaration(): DeclNode {
    const { factory, start } = this.call();
    let node: DeclNode;
    if (factory === "rule") {
      const path = this.stringLiteral();
      let options: RuleOptionsInput = {};
      if (this.eat(",") && this.peek() !== ")") {
        options = this.ruleOptions();
        this.eat(",");
      }
      this.expect(")");
      node = { kind: "rule", path: path.value, options, span: this.span(start, this.tokenEnd), pathSpan: path.contentSpan };
      return node;
    }
    if (factory === "routes") throw GIVE_UP;
    const text = this.stringLiteral().value;
    this.expect(",");
    const rules = this.declarationList();
    this.eat(",");
    this.expect(")");
    const span = this.span(start, this.tokenEnd);
    if (factory === "submount") return { kind: "submount", path: text, rules, span };
    if (factory === "subdomain") return { kind: "subdomain", subdomain: text, rules, span };
    return { kind: "endpointPrefix", prefix: text, rules, span };
  }

  private ruleOptions(): RuleOptionsInput {
    const options: Record<string, Value> = {};
    for (const [key, value] of this.objectEntries()) {
      const kind = Object.hasOwn(RULE_OPTIONS, key) ? RULE_OPTIONS[key as keyof RuleOptionsInput] : undefined;
      if (kind === undefined || !hasKind(value, kind)) throw GIVE_UP;
      options[key] = value;
    }
    return options as RuleOptionsInput;
  }

  /** `name(` for an imported factory; the position of `name` is the call's start. */
  private call(): { factory: Factory; start: number } {
    const start = this.pos;
    const factory = this.factories.get(this.identifier());
    if (factory === undefined) throw GIVE_UP;
    this.expect("(");
    return { factory, start };
  }

  // --- values --------------------------------------------------------------------------------

  private value(): Value {
    const c = this.text.charCodeAt(this.pos);
    if (c === Char.Quote || c === Char.Apostrophe || c === Char.Backtick) return this.stringLiteral().value;
    if (c === 45 /* - */) {
      this.pos++;
      this.skipTrivia();
      return -this.number();
    }
    if (c >= 48 && c <= 57) return this.number();
    if (c === 91 /* [ */) return this.list(() => this.value());
    if (c === 123 /* { */) {
      const object: { [key: string]: Value } = {};
      for (const [key, item] of this.objectEntries()) object[key] = item;
      return object;
    }
    const word = this.identifier();
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    throw GIVE_UP;
  }

  /** `{ key: value, ... }` with plain keys, each once (anything else is the TypeScript reader's to report). */
  private objectEntries(): Array<[string, Value]> {
    const entries: Array<[string, Value]> = [];
    const seen = new Set<string>();
    this.expect("{");
    while (!this.eat("}")) {
      const c = this.text.charCodeAt(this.pos);
      const key = c === Char.Quote || c === Char.Apostrophe ? this.stringLiteral().value : this.identifier();
      if (key === "__proto__" || seen.has(key)) throw GIVE_UP;
      seen.add(key);
      this.expect(":");
      entries.push([key, this.value()]);
      if (!this.eat(",")) {
        this.expect("}");
        break;
      }
    }
    return entries;
  }

  /** A string without escapes or line breaks (TypeScript's own scanner handles the rest). */
  private stringLiteral(): { value: string; contentSpan: SourceSpan } {
    const quote = this.text.charCodeAt(this.pos);
    if (quote !== Char.Quote && quote !== Char.Apostrophe && quote !== Char.Backtick) throw GIVE_UP;
    const start = this.pos;
    let end = start + 1;
    for (; ; end++) {
      const c = this.text.charCodeAt(end);
      if (c === quote) break;
      if (
        Number.isNaN(c) ||
        c === Char.Backslash ||
        c === Char.LineFeed ||
        c === Char.CarriageReturn ||
        c === 0x2028 ||
        c === 0x2029 ||
        (quote === Char.Backtick && c === Char.Dollar)
      )
        throw GIVE_UP;
    }
    this.pos = end + 1;
    this.tokenEnd = this.pos;
    this.skipTrivia();
    return { value: this.text.slice(start + 1, end), contentSpan: this.span(start + 1, end) };
  }

  private number(): number {
    return Number(this.token(NUMBER));
  }

  // --- tokens --------------------------------------------------------------------------------

  private identifier(): string {
    return this.token(IDENTIFIER);
  }

  /** The text a sticky pattern matches at the current position (the scanner gives up otherwise). */
  private token(pattern: RegExp): string {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (found === null) throw GIVE_UP;
    this.pos += found[0].length;
    this.tokenEnd = this.pos;
    this.skipTrivia();
    return found[0];
  }

  private peek(): string {
    return this.text[this.pos] ?? "";
  }

  private peekWord(word: string): boolean {
    return this.text.startsWith(word, this.pos) && !/[A-Za-z0-9_$]/.test(this.text[this.pos + word.length] ?? "");
  }

  private eat(punctuation: string): boolean {
    if (this.text[this.pos] !== punctuation) return false;
    this.pos++;
    this.tokenEnd = this.pos;
    this.skipTrivia();
    return true;
  }

  private expect(punctuation: string): void {
    if (!this.eat(punctuation)) throw GIVE_UP;
  }

  /** Whitespace and comments; gives up on anything TypeScript would treat specially (a BOM, odd line breaks). */
  private skipTrivia(): void {
    const text = this.text;
    this.newlineBefore = false;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === Char.Space || c === Char.Tab || c === Char.VerticalTab || c === Char.FormFeed) this.pos++;
      else if (c === Char.LineFeed) {
        this.pos++;
        this.newlineBefore = true;
      } else if (c === Char.CarriageReturn && text.charCodeAt(this.pos + 1) === Char.LineFeed) {
        this.pos += 2;
        this.newlineBefore = true;
      } else if (c === Char.Slash && text.charCodeAt(this.pos + 1) === Char.Slash) {
        const end = text.indexOf("\n", this.pos);
        const comment = text.slice(this.pos, end === -1 ? text.length : end);
        if (/[\r\u2028\u2029]/.test(comment.replace(/\r$/, ""))) throw GIVE_UP;
        this.pos = end === -1 ? text.length : end;
      } else if (c === Char.Slash && text.charCodeAt(this.pos + 1) === Char.Star) {
        const end = text.indexOf("*/", this.pos + 2);
        if (end === -1) throw GIVE_UP;
        const comment = text.slice(this.pos, end);
        if (/\r(?!\n)|[\u2028\u2029]/.test(comment)) throw GIVE_UP;
        if (comment.includes("\n")) this.newlineBefore = true;
        this.pos = end + 2;
      } else if (c < 128 || Number.isNaN(c)) return;
      else throw GIVE_UP; // non-ASCII whitespace or a BOM: TypeScript's rules, not ours
    }
  }

  // --- locations -----------------------------------------------------------------------------

  /**
   * The span `[start, end)` as the TypeScript reader's spanAt gives it: 1-based line and column
   * (UTF-16 units), the whole line's text, and a length cut at the end of the first line.
   */
  private span(start: number, end: number): SourceSpan {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= start) low = middle;
      else high = middle - 1;
    }
    const lineStart = starts[low]!;
    let lineEnd = low + 1 < starts.length ? starts[low + 1]! - 1 : this.text.length;
    if (this.text.charCodeAt(lineEnd - 1) === Char.CarriageReturn) lineEnd--;
    return {
      file: this.fileName,
      line: low + 1,
      column: start - lineStart + 1,
      length: Math.max(0, Math.min(end - start, lineEnd - start)),
      lineText: this.text.slice(lineStart, lineEnd),
    };
  }
}

/** Offsets where lines start. Only `\n` and `\r\n` occur (the scanner gave up on other breaks). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
