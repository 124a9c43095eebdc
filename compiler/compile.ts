// The pipeline after reading: analyse the declarations, then emit the module.
import path from "node:path";
import { analyseRoutes } from "./analyse.js";
import { emitModule } from "./emit/index.js";
import type { Diagnostic, RoutesSource } from "./model.js";

/** Default output path: `<routes>.gen.ts` beside the routes file. */
export function defaultOutFile(file: string): string {
  const ext = path.extname(file);
  return (ext ? file.slice(0, -ext.length) : file) + ".gen.ts";
}

export function compileSource(source: RoutesSource, options: { outFile?: string } = {}): { code: string; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = analyseRoutes(source);
  if (diagnostics.some((d) => d.severity === "error")) return { code: "", diagnostics };
  const code = emitModule(table, { outFile: options.outFile ?? defaultOutFile(source.file) });
  return { code, diagnostics };
}
