// ts-morph, and the TypeScript it bundles (~0.4 s to load), on first use: `wz/compiler` is
// imported by tools and tests that compile literal routes files (the literal reader needs no
// TypeScript) or only format diagnostics. Types come from `import type` as usual.
import { createRequire } from "node:module";
import type * as Morph from "ts-morph";

const load = createRequire(import.meta.url);
let morph: typeof Morph | undefined;

export const tsMorph = (): typeof Morph => (morph ??= load("ts-morph") as typeof Morph);

/** ts-morph's `ts` namespace, loaded at the first member read. */
export const ts: typeof Morph.ts = new Proxy({} as typeof Morph.ts, { get: (_target, key) => Reflect.get(tsMorph().ts, key) });
