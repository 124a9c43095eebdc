// `wz dev <entry>`: the development server from the command line; `wz routes <routes.ts>` too.
import { register } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultExportedApp } from "./app-module.js";
import { startReloadingServer } from "./reloading-server.js";
import { watchRouteFile, type RoutesWatch } from "./routes-watch.js";
import { listenForStopSignal } from "./stop-signal.js";
import { serveMain } from "../serving/command.js";
import { addressInUse, answerCommandLine, entryAndAddress, parseCommandLine, SERVER_OPTIONS, SERVER_VALUE_NAMES, UsageError } from "./command-line.js";
import { parseRoutesCommand, routesCommand } from "./routes-command.js";
import { trustedHostsFor } from "../debug/options.js";

const USAGE = `Usage: wz dev <entry> [options]
       wz routes <routes.ts> [--sort endpoint|methods|rule]

Serve a wz app for development. The entry (.ts or .js) default-exports the app; it is
reloaded on every save without dropping a request, and TypeScript runs without a build step.

Options:
  --host <host>        interface to bind (default 127.0.0.1; anything else exposes the server)
  --port <port>        port to listen on (default 5000; 0 picks a free port)
  --routes <file>      compile this route declaration file on every change (wz-compile --watch)
  --no-reload          serve without watching for changes
  --no-debugger        show a bare 500 for errors instead of the debugger's traceback page
  --no-evalex          the traceback page without its consoles (no code runs from the browser)
  --extra-file <file>  also reload when this file changes (repeatable)
  --exclude <pattern>  never watch paths matching this fnmatch pattern (repeatable)
  -h, --help           show this help

\`wz routes\` prints the rules of a route declaration file as a table, as the compiler reads
them: endpoint, methods (HEAD and OPTIONS left out), subdomain or host when any rule has one,
the rule, and the options it sets. Sorted by endpoint unless --sort says otherwise.

In production: wz serve <entry> (wz serve --help).
`;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the command; resolves with the process exit status once the server has stopped. */
export async function main(args: string[]): Promise<number> {
  if (args[0] === "serve") return serveMain(args.slice(1));
  if (args[0] === "routes") {
    const command = answerCommandLine(() => parseRoutesCommand(args.slice(1)), USAGE);
    if ("exitCode" in command) return command.exitCode;
    return routesCommand(
      command.file,
      command.sort,
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    );
  }
  const command = answerCommandLine(() => parseCommand(args), USAGE);
  if ("exitCode" in command) return command.exitCode;
  try {
    await serve(command);
    return 0;
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE") {
      log(addressInUse(command.port));
      return 1;
    }
    log(`wz: ${(error as Error).message}`);
    return 1;
  }
}

interface DevCommand {
  entry: string;
  host: string;
  port: number;
  routes?: string;
  reload: boolean;
  /** The debugger's traceback page; `evalex`: with consoles. */
  debugger: { evalex: boolean } | undefined;
  extraFiles: string[];
  excludePatterns: string[];
}

function parseCommand(args: string[]): DevCommand | "help" {
  const { values, positionals } = parseCommandLine(
    args,
    {
      ...SERVER_OPTIONS,
      routes: { type: "string" },
      "no-reload": { type: "boolean" },
      "no-debugger": { type: "boolean" },
      "no-evalex": { type: "boolean" },
      "extra-file": { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
    },
    { ...SERVER_VALUE_NAMES, routes: "a routes file", "extra-file": "a file", exclude: "a pattern" },
  );
  if (values.help) return "help";
  const [subcommand, ...rest] = positionals;
  if (subcommand !== "dev") throw new UsageError(subcommand === undefined ? "missing command" : `unknown command "${subcommand}"`);
  return {
    ...entryAndAddress(rest, values),
    routes: values.routes === undefined ? undefined : resolve(values.routes),
    reload: !values["no-reload"],
    debugger: values["no-debugger"] ? undefined : { evalex: !values["no-evalex"] },
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
          debugger:
            command.debugger === undefined
              ? undefined
              : { evalex: command.debugger.evalex, trustedHosts: trustedHostsFor(command.host), appPath: command.entry, wrapEntry: true },
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
  let app = defaultExportedApp(await import(pathToFileURL(command.entry).href), command.entry);
  if (command.debugger !== undefined) {
    const { debuggedApplicationWith, debuggerReady } = await import("../debug/index.js");
    app = debuggedApplicationWith(
      app,
      { evalex: command.debugger.evalex, trustedHosts: trustedHostsFor(command.host) },
      { appPath: command.entry, announce: true },
    );
    await debuggerReady(app);
  }
  const { startDirectServer } = await import("./direct-server.js");
  return startDirectServer(app, command.host, command.port, log);
}

function escapeFnmatch(path: string): string {
  return path.replace(/[*?[]/g, "[$&]");
}
