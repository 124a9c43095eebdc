// `wz dev <entry>`: the development server from the command line; `wz routes <routes.ts>` too.
import { existsSync } from "node:fs";
import { register } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultExportedApp } from "./app-module.js";
import { startReloadingServer } from "./reloading-server.js";
import { watchRouteFile, type RoutesWatch } from "./routes-watch.js";
import { checkAddress } from "./check-address.js";
import { listenForStopSignal } from "./stop-signal.js";
import { parseCommandLine, UsageError } from "./command-line.js";
import { parseRoutesCommand, routesCommand } from "./routes-command.js";

const USAGE = `Usage: wz dev <entry> [options]
       wz routes <routes.ts> [--sort endpoint|methods|rule]

Serve a wz app for development. The entry (.ts or .js) default-exports the app; it is
reloaded on every save without dropping a request, and TypeScript runs without a build step.

Options:
  --host <host>        interface to bind (default 127.0.0.1; anything else exposes the server)
  --port <port>        port to listen on (default 5000; 0 picks a free port)
  --routes <file>      compile this route declaration file on every change (wz-compile --watch)
  --no-reload          serve without watching for changes
  --extra-file <file>  also reload when this file changes (repeatable)
  --exclude <pattern>  never watch paths matching this fnmatch pattern (repeatable)
  -h, --help           show this help

\`wz routes\` prints the rules of a route declaration file as a table, as the compiler reads
them: endpoint, methods (HEAD and OPTIONS left out), subdomain or host when any rule has one,
the rule, and the options it sets. Sorted by endpoint unless --sort says otherwise.
`;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the command; resolves with the process exit status once the server has stopped. */
export async function main(args: string[]): Promise<number> {
  if (args[0] === "routes") {
    const command = parsed(() => parseRoutesCommand(args.slice(1)));
    if (typeof command === "number") return command;
    return routesCommand(command.file, command.sort, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  }
  const command = parsed(() => parseCommand(args));
  if (typeof command === "number") return command;
  try {
    await serve(command);
    return 0;
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE") {
      log(`Address already in use\nPort ${command.port} is in use by another program. ` +
        "Either identify and stop that program, or start the server with a different port.");
      return 1;
    }
    log(`wz: ${(error as Error).message}`);
    return 1;
  }
}

/** The parsed command, or the exit status after printing the usage (for help or a mistake). */
function parsed<T>(parse: () => T | "help"): T | number {
  let command: T | "help";
  try {
    command = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`wz: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command !== "help") return command;
  process.stdout.write(USAGE);
  return 0;
}

interface DevCommand {
  entry: string;
  host: string;
  port: number;
  routes?: string;
  reload: boolean;
  extraFiles: string[];
  excludePatterns: string[];
}

function parseCommand(args: string[]): DevCommand | "help" {
  const { values, positionals } = parseCommandLine(args, {
    host: { type: "string" },
    port: { type: "string" },
    routes: { type: "string" },
    "no-reload": { type: "boolean" },
    "extra-file": { type: "string", multiple: true },
    exclude: { type: "string", multiple: true },
    help: { type: "boolean", short: "h" },
  }, { host: "a host name or address", port: "a port number", routes: "a routes file", "extra-file": "a file", exclude: "a pattern" });
  if (values.help) return "help";
  const [subcommand, entry, ...rest] = positionals;
  if (subcommand !== "dev") throw new UsageError(subcommand === undefined ? "missing command" : `unknown command "${subcommand}"`);
  if (entry === undefined) throw new UsageError("missing the entry file (the module whose default export is the app)");
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const port = values.port === undefined ? 5000 : Number(values.port);
  // Binding beyond loopback exposes the app to the network: only an explicit --host does it.
  const host = values.host ?? "127.0.0.1";
  try {
    checkAddress(host, port);
  } catch (error) {
    throw new UsageError((error as Error).message.replace("runSimple: ", "--"));
  }
  const file = resolve(entry);
  if (!existsSync(file)) throw new UsageError(`entry file not found: ${entry}`);
  return {
    entry: file,
    host,
    port,
    routes: values.routes === undefined ? undefined : resolve(values.routes),
    reload: !values["no-reload"],
    extraFiles: values["extra-file"] ?? [],
    excludePatterns: values.exclude ?? [],
  };
}

async function serve(command: DevCommand): Promise<void> {
  const stop = listenForStopSignal();
  let routes: RoutesWatch | undefined;
  try {
    if (command.routes !== undefined) routes = await watchRouteFile(command.routes, log);
    const server = command.reload
      ? await startReloadingServer({
        target: { kind: "entry", file: command.entry },
        host: command.host,
        port: command.port,
        watchFolders: [dirname(command.entry)],
        extraFiles: command.extraFiles,
        // The routes file reaches the app through the generated module: reloading on the
        // routes file itself would only load the old generated code a moment early.
        excludePatterns: command.routes === undefined ? command.excludePatterns : [...command.excludePatterns, escapeFnmatch(command.routes)],
        log,
      })
      : await serveWithoutReload(command);
    await stop.received;
    await server.close();
  } finally {
    stop.dispose();
    await routes?.close();
  }
}

// The reloading parent never loads the runtime (only app processes do); this path serves the
// app in this process, so it loads both here.
async function serveWithoutReload(command: DevCommand) {
  register("./loader-hooks.js", import.meta.url);
  process.setSourceMapsEnabled(true);
  const app = defaultExportedApp(await import(pathToFileURL(command.entry).href), command.entry);
  const { startDirectServer } = await import("./direct-server.js");
  return startDirectServer(app, command.host, command.port, log);
}

function escapeFnmatch(path: string): string {
  return path.replace(/[*?[]/g, "[$&]");
}
