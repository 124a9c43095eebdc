// Small helpers for writing generated TypeScript: literals, object keys, literal tests.

export const str = (s: string): string => JSON.stringify(s);

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** An object key that cannot turn into a prototype assignment (`__proto__`). */
export const key = (name: string): string => (name === "__proto__" ? `[${str(name)}]` : IDENT.test(name) ? name : str(name));

/** Appends many lines (a spread into push overflows the stack for large route tables). */
export function append(target: string[], items: readonly string[]): void {
  for (const item of items) target.push(item);
}

/**
 * A literal test of `text` at offset `at` of `s`: charCodeAt comparisons for up to four
 * characters (TurboFan turns them into plain loads), startsWith beyond (one builtin call, and
 * the generated file stays small).
 */
export function textAt(text: string, at: string, s = "p"): string {
  if (text.length === 0) return "";
  if (text.length > 4) return `${s}.startsWith(${str(text)}, ${at})`;
  const base = /^[a-z]+\d*$/.test(at) ? at : `(${at})`;
  const offset = (k: number) => {
    const m = /^(.*) \+ (\d+)$/.exec(at);
    if (m) return `${m[1]} + ${Number(m[2]) + k}`;
    return k ? `${base} + ${k}` : base;
  };
  return [...Array(text.length).keys()].map((k) => `${s}.charCodeAt(${offset(k)}) === ${text.charCodeAt(k)}`).join(" && ");
}
