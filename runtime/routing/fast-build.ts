// urlFor's fast path: a per-endpoint builder for the plain case, made from the rule table the
// first time the endpoint is built. One rule, no defaults, on the default subdomain, values of
// the expected types and nothing else: the builder returns the path; anything else returns
// undefined and the general build (Werkzeug's rule choice, query string) runs.
//
// The builders used to be emitted, one arrow function per endpoint: 1.9 MB of a 10,000-route
// module that users' tsc parsed and every compile wrote, for code that a handful of shapes
// (closures over the rule's texts) covers as fast.
import { INVALID, type RuntimeConverter } from "./converters.js";
import type { CompiledRoutes, Params, RuleInfo } from "./map.js";
import { mergeSlashRuns, quotePath } from "./url.js";

/** A per-endpoint builder: the path (script-root relative, leading `/`) for the plain case, else undefined. */
export type FastBuilder = (values: Params) => string | undefined;

/** Own enumerable keys of a values object (for-in over a literal is cheap; Object.keys allocates). */
export function keyCount(values: object): number {
  let count = 0;
  for (const _ in values) count++;
  return count;
}

/** The builders of one compiled table, made on first use per endpoint. */
export class FastBuilders {
  private readonly made = new Map<string, FastBuilder | null>();
  /** Each endpoint's rule when it has exactly one, null when it has several. */
  private soleRules: Map<string, RuleInfo | null> | undefined;

  constructor(private readonly compiled: CompiledRoutes) {}

  get(endpoint: string): FastBuilder | null {
    let builder = this.made.get(endpoint);
    if (builder === undefined) {
      const rule = this.soleRule(endpoint);
      builder = rule === null ? null : plainBuilder(rule, this.compiled);
      this.made.set(endpoint, builder);
    }
    return builder;
  }

  private soleRule(endpoint: string): RuleInfo | null {
    if (this.soleRules === undefined) {
      this.soleRules = new Map();
      for (const rule of this.compiled.rules) {
        if (rule.endpoint !== null) this.soleRules.set(rule.endpoint, this.soleRules.has(rule.endpoint) ? null : rule);
      }
    }
    return this.soleRules.get(endpoint) ?? null;
  }
}

/** How a value is checked and written: plain text or a safe integer need no converter call. */
type Slot = { name: string; kind: "text" | "integer" | "converter"; converter: RuntimeConverter };

function plainBuilder(rule: RuleInfo, compiled: CompiledRoutes): FastBuilder | null {
  const { hostMatching, defaultSubdomain } = compiled.options;
  if (rule.websocket || rule.defaults !== null || hostMatching || rule.subdomain !== defaultSubdomain || rule.domain.length > 0) return null;
  // Werkzeug builds a rule whose (merged) path does not start with exactly one slash differently.
  const matchRule = rule.mergeSlashes ? mergeSlashRuns(rule.rule) : rule.rule;
  if (!matchRule.startsWith("/") || matchRule.startsWith("//")) return null;
  const texts: string[] = [];
  const slots: Slot[] = [];
  let text = "";
  for (const op of rule.path) {
    if (typeof op === "string") {
      text += op;
      continue;
    }
    texts.push(text);
    text = "";
    const converter = compiled.converters[rule.vars[op.v]!]!;
    slots.push({ name: op.v, kind: converter.plainUrl ?? "converter", converter });
  }
  texts.push(text);
  const count = slots.length;
  if (count === 0) {
    const path = texts[0]!;
    return (v) => (keyCount(v) !== 0 ? undefined : path);
  }
  if (count === 1) {
    const [before, after] = texts as [string, string];
    const { name, kind, converter } = slots[0]!;
    if (kind === "text") return (v) => (keyCount(v) !== 1 || typeof v[name] !== "string" ? undefined : before + quotePath(v[name] as string) + after);
    if (kind === "integer") {
      return (v) => {
        const value = v[name];
        return keyCount(v) !== 1 || typeof value !== "number" || !Number.isSafeInteger(value) ? undefined : before + value + after;
      };
    }
    return (v) => {
      const value = v[name];
      if (keyCount(v) !== 1 || value === undefined || value === null) return undefined;
      const written = converter.toUrl(value);
      return written === INVALID ? undefined : before + written + after;
    };
  }
  return (v) => {
    if (keyCount(v) !== count) return undefined;
    // Every value is checked before any is converted: a missing one must end in Werkzeug's
    // BuildError, not in a converter's complaint about another value.
    for (const { name, kind } of slots) {
      const value = v[name];
      if (
        kind === "text"
          ? typeof value !== "string"
          : kind === "integer"
            ? typeof value !== "number" || !Number.isSafeInteger(value)
            : value === undefined || value === null
      )
        return undefined;
    }
    let path = texts[0]!;
    for (let i = 0; i < count; i++) {
      const { name, kind, converter } = slots[i]!;
      const value = v[name];
      const written = kind === "text" ? quotePath(value as string) : kind === "integer" ? String(value) : converter.toUrl(value);
      if (written === INVALID) return undefined;
      path += written + texts[i + 1]!;
    }
    return path;
  };
}
