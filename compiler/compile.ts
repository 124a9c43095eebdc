// The pipeline after reading: analyse the declarations, then emit the module.
import path from "node:path";
import { analyseRoutes, newAnalysisCache, type AnalysisCache } from "./analyse.js";
import { emitModule, newEmitCache, type EmitCache, type MatcherTier } from "./emit/index.js";
import type { Diagnostic, RoutesSource } from "./model.js";

/** Default output path: `<routes>.gen.ts` beside the routes file. */
export function defaultOutFile(file: string): string {
  const ext = path.extname(file);
  return (ext ? file.slice(0, -ext.length) : file) + ".gen.ts";
}

export interface CompileOptions {
  outFile?: string;
  /** What watch mode keeps from the previous compile. */
  caches?: CompileCaches;
  /** @internal Force a matcher tier (the tests run both on every table); see emitModule. */
  tier?: MatcherTier;
}

/** Watch mode's state between compiles: rules analysed, pieces emitted (see AnalysisCache, EmitCache). */
export interface CompileCaches {
  analysis: AnalysisCache;
  emit: EmitCache;
}

export const newCompileCaches = (): CompileCaches => ({ analysis: newAnalysisCache(), emit: newEmitCache() });

export function compileSource(source: RoutesSource, options: CompileOptions = {}): { code: string; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = analyseRoutes(source, options.caches?.analysis);
  if (diagnostics.some((d) => d.severity === "error")) return { code: "", diagnostics };
  const code = emitModule(table, { outFile: options.outFile ?? defaultOutFile(source.file), cache: options.caches?.emit, tier: options.tier });
  return { code, diagnostics };
}
