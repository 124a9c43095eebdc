// The compact rule table of generated modules, expanded once at import into RuleInfo objects.
// Generated files stay small, and derived facts (arguments, the equality trace) are computed
// here, not emitted. The tuples come as JSON text in one template literal: TypeScript scans a
// literal as one token where 10,000 array literals cost its parser and binder seconds, and
// JSON.parse reads them faster than the JavaScript parser would.
import type { DefaultValue } from "./declare.js";
import type { BuildOp, RuleInfo } from "./map.js";

/** Bits of a rule's flags. */
export const STRICT_SLASHES = 1,
  MERGE_SLASHES = 2,
  ALIAS = 4,
  BUILD_ONLY = 8,
  WEBSOCKET = 16;

/** A path or domain build step: literal (already percent-encoded) text, or the index of a variable. */
export type CompactOp = string | number;

export interface RuleExtras {
  defaults?: Record<string, DefaultValue>;
  redirectTo?: string;
  subdomain?: string;
  host?: string;
  domain?: readonly CompactOp[];
}

export type RuleTuple = readonly [
  rule: string,
  endpoint: string | null,
  /** Index into the table's methods lists. */
  methods: number | null,
  flags: number,
  vars: Readonly<Record<string, number>>,
  path: readonly CompactOp[],
  extras?: RuleExtras,
];

/** `json`: a JSON array of RuleTuple; `methodLists`: the methods lists they index (shared, never changed). */
export function expandRules(defaultSubdomain: string, methodLists: readonly (readonly string[])[], json: string): RuleInfo[] {
  const tuples = JSON.parse(json) as RuleTuple[];
  return tuples.map(([rule, endpoint, methodsIndex, flags, vars, path, extras = {}]) => {
    const methods = methodsIndex === null ? null : methodLists[methodsIndex]!;
    const names = Object.keys(vars);
    const ops = (compact: readonly CompactOp[]): BuildOp[] => compact.map((op) => (typeof op === "number" ? { v: names[op]! } : op));
    const domain = ops(extras.domain ?? []);
    const pathOps = ops(path);
    const defaults = extras.defaults ?? null;
    const argumentNames = new Set([...Object.keys(defaults ?? {}), ...names]);
    return {
      rule,
      endpoint,
      methods,
      defaults,
      strictSlashes: (flags & STRICT_SLASHES) !== 0,
      mergeSlashes: (flags & MERGE_SLASHES) !== 0,
      redirectTo: extras.redirectTo ?? null,
      subdomain: extras.subdomain ?? defaultSubdomain,
      host: extras.host ?? null,
      alias: (flags & ALIAS) !== 0,
      buildOnly: (flags & BUILD_ONLY) !== 0,
      websocket: (flags & WEBSOCKET) !== 0,
      arguments: [...argumentNames],
      vars,
      domain,
      path: pathOps,
      // Werkzeug compares rules by their trace: the same ops make the same rule text.
      trace: JSON.stringify([domain, pathOps]),
    };
  });
}
