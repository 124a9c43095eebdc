// `wz dev --routes routes.ts`: the route compiler's watch mode, in the dev server's process.
// The generated module lands next to the app's sources, so writing it triggers the reload.
//
// The compiler is loaded only here, on demand, through the public `wz/compiler` entry: apps
// never load it, and the runtime has no static dependency on compiler/.
import { relative } from "node:path";

interface RouteDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
  suggestion?: string;
}

interface WatchRoutes {
  (options: {
    file: string;
    outFile?: string;
    onResult(result: { diagnostics?: RouteDiagnostic[] }): void;
  }): { close(): void | Promise<void> };
}

export interface RoutesWatch {
  close(): Promise<void>;
}

export async function watchRouteFile(file: string, log: (line: string) => void): Promise<RoutesWatch> {
  const compilerEntry = "wz/compiler";
  const compiler = (await import(compilerEntry)) as { watchRoutes?: WatchRoutes };
  if (typeof compiler.watchRoutes !== "function") {
    throw new Error("--routes needs watchRoutes() from wz/compiler, which this build of wz does not have yet");
  }
  const watch = compiler.watchRoutes({
    file,
    onResult(result) {
      const diagnostics = result.diagnostics ?? [];
      for (const d of diagnostics) {
        const hint = d.suggestion === undefined ? "" : ` (did you mean "${d.suggestion}"?)`;
        log(`${relative(process.cwd(), d.file)}:${d.line}:${d.column}: ${d.severity}: ${d.message}${hint}`);
      }
      if (!diagnostics.some((d) => d.severity === "error")) log(` * Routes compiled from ${relative(process.cwd(), file)}`);
    },
  });
  return { close: async () => void (await watch.close()) };
}
