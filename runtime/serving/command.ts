// `wz serve <entry>`: the production server from the command line. The entry's default export
// is the app; a .ts entry runs through the same loader as `wz dev` (esbuild, types stripped).
import cluster from "node:cluster";
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { defaultExportedApp } from "../dev/app-module.js";
import { isTypeScript } from "../dev/loader-hooks.js";
import { addressInUse, answerCommandLine, entryAndAddress, parseCommandLine, SERVER_OPTIONS, SERVER_VALUE_NAMES, UsageError } from "../dev/command-line.js";
import type { App } from "./dispatch.js";
import { serve } from "./serve.js";
import { workerCount } from "./cluster.js";

export const SERVE_USAGE = `Usage: wz serve <entry> [options]

Serve a wz app in production. The entry (built .js, or .ts run through wz's loader)
default-exports the app. SIGTERM or SIGINT stops it gracefully: no new connections, requests
in flight finish (up to the shutdown timeout), then the process exits.

Options:
  --host <host>              interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --port <port>              port to listen on (default 5000; 0 picks a free port)
  --workers <n|auto>         processes serving the app (default 1; auto: one per CPU)
  --shutdown-timeout <ms>    how long a stop waits for requests in flight (default 10000)
  --no-access-log            do not write the access log (Combined Log Format, on stdout)
  -h, --help                 show this help
`;

interface ServeCommand {
  entry: string;
  host: string;
  port: number;
  workers: number;
  shutdownTimeoutMs: number | undefined;
  accessLog: boolean;
}

/** Runs `wz serve`; resolves with the exit status once the server is up (or failed to start). */
export async function serveMain(args: string[]): Promise<number> {
  const command = answerCommandLine(() => parseServeCommand(args), SERVE_USAGE);
  if ("exitCode" in command) return command.exitCode;
  try {
    await start(command);
    return 0;
  } catch (error) {
    const message = (error as { code?: string }).code === "EADDRINUSE" ? addressInUse(command.port) : `wz: ${(error as Error).stack ?? String(error)}`;
    process.stderr.write(`${message}\n`);
    // A worker that cannot serve leaves now: its primary reports it.
    if (cluster.isWorker) process.exit(1);
    return 1;
  }
}

function parseServeCommand(args: string[]): ServeCommand | "help" {
  const { values, positionals } = parseCommandLine(
    args,
    {
      ...SERVER_OPTIONS,
      workers: { type: "string" },
      "shutdown-timeout": { type: "string" },
      "no-access-log": { type: "boolean" },
    },
    { ...SERVER_VALUE_NAMES, workers: "a number or auto", "shutdown-timeout": "milliseconds" },
  );
  if (values.help) return "help";
  let workers: number;
  try {
    workers = workerCount(values.workers === undefined || values.workers === "auto" ? (values.workers as "auto" | undefined) : Number(values.workers));
  } catch (error) {
    throw new UsageError((error as Error).message.replace("serve: ", "--"));
  }
  const timeout = values["shutdown-timeout"];
  const shutdownTimeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (shutdownTimeoutMs !== undefined && !(Number.isInteger(shutdownTimeoutMs) && shutdownTimeoutMs >= 0)) {
    throw new UsageError(`--shutdown-timeout must be a whole number of milliseconds, got ${timeout}`);
  }
  return { ...entryAndAddress(positionals, values), workers, shutdownTimeoutMs, accessLog: !values["no-access-log"] };
}

async function start(command: ServeCommand): Promise<void> {
  // The primary of a cluster only supervises: the app is loaded in the workers, so a module
  // that opens connections at import does so once per serving process.
  const supervisesOnly = command.workers > 1 && cluster.isPrimary;
  const app = supervisesOnly ? notLoadedHere : await loadApp(command.entry);
  const server = await serve(app, {
    host: command.host,
    port: command.port,
    workers: command.workers,
    accessLog: command.accessLog,
    shutdownTimeoutMs: command.shutdownTimeoutMs,
  });
  if (cluster.isPrimary) {
    const processes = command.workers === 1 ? "" : ` (${command.workers} workers)`;
    process.stderr.write(` * wz: serving ${command.entry} on ${server.url}${processes}\n`);
  }
}

async function loadApp(entry: string): Promise<App> {
  if (isTypeScript(entry)) {
    register("../dev/loader-hooks.js", import.meta.url);
    process.setSourceMapsEnabled(true);
  }
  return defaultExportedApp(await import(pathToFileURL(entry).href), entry) as App;
}

function notLoadedHere(): never {
  throw new Error("wz serve: the primary process does not run the app");
}
