// The serving half of runSimple, loaded when runSimple is called: the reloading server (the
// calling script re-run in app processes) or a direct one, until SIGINT or SIGTERM.
import { dirname } from "node:path";
import type { App } from "../serving/index.js";
import { startDirectServer } from "./direct-server.js";
import { startReloadingServer, type ReloadingServerOptions } from "./reloading-server.js";
import { listenForStopSignal } from "./stop-signal.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

export interface ServeUntilStopped {
  script: string;
  reload: boolean;
  /** The app to serve in this process (without the reloader); called once. */
  app: () => App;
  debugger: ReloadingServerOptions["debugger"];
  extraFiles: string[] | undefined;
  excludePatterns: string[] | undefined;
}

export async function serveUntilStopped(host: string, port: number, options: ServeUntilStopped): Promise<void> {
  const stop = listenForStopSignal();
  try {
    const server = options.reload
      ? await startReloadingServer({
          target: { kind: "script", file: options.script, argv: process.argv.slice(2) },
          host,
          port,
          watchFolders: [dirname(options.script)],
          extraFiles: options.extraFiles,
          excludePatterns: options.excludePatterns,
          execArgv: process.execArgv,
          log,
          debugger: options.debugger,
        })
      : await startDirectServer(options.app(), host, port, log);
    await stop.received;
    await server.close();
  } finally {
    stop.dispose();
  }
}
