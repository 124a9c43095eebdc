// wz-compile: the route compiler's command line. Exit status: 0 ok (warnings included),
// 1 diagnostics or a stale output under --check, 2 usage.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./model.js";
import { formatDiagnostics, hasErrors, wantsColor } from "./diagnostics.js";
import type { WatchResult } from "./watch.js";
import { defaultOutFile } from "./compile.js";
import { parseCommandLine, UsageError } from "../runtime/dev/command-line.js";
import { listenForStopSignal } from "../runtime/dev/stop-signal.js";

// The compiler (TypeScript and ts-morph, ~0.5 s to load) is imported only once the arguments
// are known to be good, so --help and usage errors answer at once.
const loadCompiler = () => import("./compile-routes.js");
const loadWatch = () => import("./watch.js");

const USAGE = `Usage: wz-compile <routes.ts> [-o <out.ts>] [--check] [--json] [--watch]

Compile a routes file into its generated matcher/builder module.

  -o, --out <file>  where to write the module (default: <routes>.gen.ts beside the input)
  --check           write nothing; exit 1 if the module on disk is missing or stale
  --json            print the outcome and diagnostics as JSON (one line per compile)
  --watch           recompile when the routes file or a local file it imports changes
  -h, --help        show this help

Exit status: 0 ok (warnings do not fail), 1 diagnostics or stale output, 2 usage.
`;

interface CliOptions {
  file: string;
  outFile: string;
  check: boolean;
  json: boolean;
  watch: boolean;
}

function parseArguments(argv: readonly string[]): CliOptions | "help" {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      out: { type: "string", short: "o" },
      check: { type: "boolean" },
      json: { type: "boolean" },
      watch: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    { out: "a file name" },
  );
  if (values.help) return "help";
  const [file, ...others] = positionals;
  if (others.length > 0) throw new UsageError(`expected one routes file, got "${file}" and "${others[0]}"`);
  if (file === undefined) throw new UsageError("missing the routes file");
  if (values.out === "") throw new UsageError("--out needs a file name");
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such routes file: ${file}`);
  if (values.check && values.watch) throw new UsageError("--check and --watch cannot be combined");
  const absolute = path.resolve(file);
  return { file: absolute, outFile: path.resolve(values.out ?? defaultOutFile(absolute)), check: !!values.check, json: !!values.json, watch: !!values.watch };
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions | "help";
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`wz-compile: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return options.watch ? await watchCommand(options) : await compileCommand(options);
  } catch (error) {
    process.stderr.write(`wz-compile: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}

type Outcome = WatchResult["outcome"] | "stale" | "fresh";

async function compileCommand(options: CliOptions): Promise<number> {
  const { compileRoutes, readExisting, writeIfChanged } = await loadCompiler();
  const { code, diagnostics } = await compileRoutes({ file: options.file, outFile: options.outFile });
  let outcome: Outcome;
  if (hasErrors(diagnostics)) outcome = "failed";
  else if (options.check) outcome = (await readExisting(options.outFile)) === code ? "fresh" : "stale";
  else outcome = await writeIfChanged(options.outFile, code);
  report(options, outcome, diagnostics);
  return outcome === "failed" || outcome === "stale" ? 1 : 0;
}

function report(options: CliOptions, outcome: Outcome, diagnostics: Diagnostic[], durationMs?: number): void {
  if (options.json) {
    process.stdout.write(JSON.stringify({ outFile: options.outFile, outcome, diagnostics }) + "\n");
    return;
  }
  if (diagnostics.length > 0) process.stderr.write(formatDiagnostics(diagnostics, { color: wantsColor(process.stderr) }));
  const shown = path.relative(process.cwd(), options.outFile) || options.outFile;
  const timing = durationMs === undefined ? "" : ` in ${Math.round(durationMs)} ms`;
  switch (outcome) {
    case "written":
      process.stdout.write(`wz-compile: wrote ${shown}${timing}\n`);
      break;
    case "unchanged":
    case "fresh":
      process.stdout.write(`wz-compile: ${shown} is up to date${timing}\n`);
      break;
    case "stale": {
      const exists = existsSync(options.outFile);
      const input = path.relative(process.cwd(), options.file) || options.file;
      process.stderr.write(`wz-compile: ${shown} is ${exists ? "stale" : "missing"}; run \`wz-compile ${input}\` to regenerate it\n`);
      break;
    }
    case "failed":
      if (!options.watch) break;
      process.stderr.write("wz-compile: watching for changes\n");
      break;
  }
}

/** Runs until SIGINT or SIGTERM, then exits 0. */
async function watchCommand(options: CliOptions): Promise<number> {
  const { watchRoutes } = await loadWatch();
  const watcher = watchRoutes({
    file: options.file,
    outFile: options.outFile,
    onResult: (result) => report(options, result.outcome, result.diagnostics, result.durationMs),
  });
  await watcher.ready;
  if (!options.json) process.stderr.write("wz-compile: watching (Ctrl-C to stop)\n");
  await listenForStopSignal().received;
  await watcher.close();
  return 0;
}
