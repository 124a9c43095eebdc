// Small helpers for writing generated TypeScript: literals, object keys, literal tests.

export const str = (s: string): string => JSON.stringify(s);

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** An object key that cannot turn into a prototype assignment (`__proto__`). */
export const key = (name: string): string => (name === "__proto__" ? `[${str(name)}]` : IDENT.test(name) ? name : str(name));

/**
 * Text for a line comment: escapes as in a JSON string, so a line break cannot end the comment,
 * plus U+2028 and U+2029, which JSON leaves as they are but which end a line comment in
 * JavaScript (a rule text holding one would otherwise turn into code in the generated module).
 */
export const commentText = (text: string): string =>
  JSON.stringify(text)
    .slice(1, -1)
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** Appends many lines (a spread into push overflows the stack for large route tables). */
export function append(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}

/**
 * The texts the matcher compares against, as module constants made at import (`rt.text`): V8
 * expands `p.startsWith("literal", i)` into a loop over the literal's characters (~5 ns each on
 * a fresh path string), while a string it cannot see at compile time takes one builtin compare
 * (~28 ns for 36 characters, measured). One constant per distinct text.
 */
export class Texts {
  private readonly ids = new Map<string, number>();

  /** The constant holding `text`. */
  name(text: string): string {
    let id = this.ids.get(text);
    if (id === undefined) this.ids.set(text, (id = this.ids.size));
    return `T${id}`;
  }

  /** `const T<n> = rt.text(...)` lines, in order of first use. */
  table(): string[] {
    if (!this.ids.size) return [];
    const lines = ["", "// Texts compared with startsWith/endsWith, made at import (see rt.text)."];
    for (const [text, id] of this.ids) lines.push(`const T${id} = rt.text(${str(text)});`);
    return lines;
  }
}

/**
 * A literal test of `text` at offset `at` of `s`: charCodeAt comparisons for up to four
 * characters (TurboFan turns them into plain loads), one startsWith of a text constant beyond.
 */
export function textAt(text: string, at: string, texts: Texts, s = "p"): string {
  if (text.length === 0) return "";
  if (text.length > 4) return `${s}.startsWith(${texts.name(text)}, ${at})`;
  const base = /^[a-z]+\d*$/.test(at) ? at : `(${at})`;
  const offset = (k: number) => {
    const m = /^(.*) \+ (\d+)$/.exec(at);
    if (m) return `${m[1]} + ${Number(m[2]) + k}`;
    return k ? `${base} + ${k}` : base;
  };
  return [...Array(text.length).keys()].map((k) => `${s}.charCodeAt(${offset(k)}) === ${text.charCodeAt(k)}`).join(" && ");
}
