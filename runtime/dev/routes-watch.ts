// `wz dev --routes routes.ts`: the route compiler's watch mode, in the dev server's process.
// The generated module lands next to the app's sources, so writing it triggers the reload.
//
// The compiler is loaded only here, on demand, through the public `wz/compiler` entry: apps
// never load it, and the runtime has no static dependency on compiler/. The types below are
// the part of watchRoutes this file relies on.
import { relative } from "node:path";
import { useColour } from "./request-log.js";

interface RoutesResult {
  diagnostics: unknown[];
  outFile: string;
  outcome: "written" | "unchanged" | "failed";
  durationMs: number;
}

type WatchRoutes = (options: { file: string; onResult(result: RoutesResult): void }) => {
  readonly ready: Promise<void>;
  close(): Promise<void>;
};

interface RoutesCompiler {
  watchRoutes?: WatchRoutes;
  formatDiagnostics(diagnostics: unknown[], options: { color?: boolean }): string;
}

export interface RoutesWatch {
  close(): Promise<void>;
}

/** Starts the compiler's watch and resolves after its first compile (so the app can import it). */
export async function watchRouteFile(file: string, log: (line: string) => void): Promise<RoutesWatch> {
  const compilerEntry = "wz/compiler";
  const compiler = (await import(compilerEntry)) as RoutesCompiler;
  if (typeof compiler.watchRoutes !== "function") {
    throw new Error("--routes needs watchRoutes() from wz/compiler, which this build of wz does not have");
  }
  const shown = (path: string) => relative(process.cwd(), path) || path;
  // After a failed compile, a fix that restores the old output writes nothing: say it anyway,
  // or the terminal would still show the error as the last word.
  let failed = false;
  const watch = compiler.watchRoutes({
    file,
    onResult(result) {
      if (result.diagnostics.length > 0) log(compiler.formatDiagnostics(result.diagnostics, { color: useColour(process.stderr) }));
      if (result.outcome === "written") log(` * Routes compiled to ${shown(result.outFile)} in ${Math.round(result.durationMs)} ms`);
      if (result.outcome === "unchanged" && failed) log(` * Routes fixed: ${shown(result.outFile)} is up to date`);
      if (result.outcome === "failed") log(` * Routes not compiled: ${shown(result.outFile)} left as it was`);
      failed = result.outcome === "failed";
    },
  });
  await watch.ready;
  return watch;
}
