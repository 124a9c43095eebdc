// The serving half of runSimple, loaded when runSimple is called: the reloading server (the
// calling script re-run in app processes) or a direct one, until SIGINT or SIGTERM.
import { dirname, resolve } from "node:path";
import type { App } from "../serving/index.js";
import { startDirectServer } from "./direct-server.js";
import { startReloadingServer } from "./reloading-server.js";
import type { RunSimpleOptions } from "./run-simple.js";
import { listenForStopSignal } from "./stop-signal.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function serveUntilStopped(host: string, port: number, app: App, options: RunSimpleOptions): Promise<void> {
  if (options.useDebugger) log(" * The debugger is not available in this version of wz; serving without it");
  const stop = listenForStopSignal();
  try {
    const script = resolve(process.argv[1]!);
    const server = options.useReloader
      ? await startReloadingServer({
        target: { kind: "script", file: script, argv: process.argv.slice(2) },
        host,
        port,
        watchFolders: [dirname(script)],
        extraFiles: options.extraFiles,
        excludePatterns: options.excludePatterns,
        execArgv: process.execArgv,
        log,
      })
      : await startDirectServer(app, host, port, log);
    await stop.received;
    await server.close();
  } finally {
    stop.dispose();
  }
}
