// The parent of `wz dev` and `runSimple(..., { useReloader: true })`. It owns the listening
// socket for the whole session and forwards every accepted connection to the app process that
// is current, so no connection is ever refused or dropped by a reload:
//
//   save -> standby process imports the new code -> "ready" -> new connections go to it ->
//   the old process finishes what it was serving and exits -> a fresh standby boots.
//
// Node cannot keep a listening socket open without accepting on it, so handing the server
// handle itself to a child is not enough (the parent accepts a share and leaves those hanging);
// the parent accepts everything and passes connections on instead.
import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { AppProcess } from "./child-process.js";
import { describeError } from "./error-report.js";
import { renderErrorPage } from "./error-page.js";
import { DEBUGGER_ENV, PIN_FAILURES_ENV, type AppTarget, type ErrorReport } from "./messages.js";
import { pinBanner, pinSetup } from "../debug/pin.js";
import { startupBanner } from "./banner.js";
import { formatRequestLine, useColour } from "./request-log.js";
import { watchSources, type SourceWatcher } from "./source-watcher.js";

export interface ReloadingServerOptions {
  target: AppTarget;
  host: string;
  port: number;
  /** Folders whose source files trigger a reload. */
  watchFolders: string[];
  extraFiles?: string[];
  excludePatterns?: string[];
  /** Node options of each app process (e.g. a loader the user started node with). */
  execArgv?: string[];
  /** Where the server's own messages go (stderr by default, as Werkzeug's logger). */
  log?: (line: string) => void;
  /**
   * The debugger in `wz dev`'s app processes (runSimple's script wraps its app itself): the
   * parent prints the PIN once and keeps the count of wrong PINs across reloads.
   */
  debugger?: { evalex: boolean; trustedHosts: string[]; appPath: string; wrapEntry: boolean };
}

export interface ReloadingServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startReloadingServer(options: ReloadingServerOptions): Promise<ReloadingServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const colour = useColour(process.stderr);
  const execArgv = options.execArgv ?? [];

  let current: AppProcess | undefined; // serving
  let starting: AppProcess | undefined; // importing the new code
  let standby: AppProcess | undefined; // booted, waiting for the next save
  let failure: { report: ErrorReport; heading: string } | undefined;
  let changedWhileStarting = false;
  let reloadStartedAt = 0;
  let closing = false;
  const waiting: Socket[] = [];
  const alive = new Set<AppProcess>();
  const onErrorPage = new Set<Socket>();
  let watcher: SourceWatcher;
  let pinFailures = 0;

  const errorPages = createHttpServer((req, res) => {
    res.on("close", () =>
      log(
        formatRequestLine(
          {
            remoteAddress: req.socket.remoteAddress,
            method: req.method ?? "-",
            target: req.url ?? "-",
            httpVersion: req.httpVersion,
            status: res.statusCode,
          },
          colour,
        ),
      ),
    );
    // "close": once the code is fixed, the browser's next request must reach the new process.
    res.writeHead(500, { "Content-Type": "text/html; charset=utf-8", Connection: "close" });
    res.end(renderErrorPage(failure!.report, failure!.heading));
  });

  function route(socket: Socket): void {
    if (closing) socket.destroy();
    else if (current?.forward(socket)) return;
    else if (failure !== undefined) {
      onErrorPage.add(socket);
      socket.once("close", () => onErrorPage.delete(socket));
      errorPages.emit("connection", socket);
      socket.resume();
    } else waiting.push(socket);
  }

  function spawn(): AppProcess {
    const env: Record<string, string> = { [PIN_FAILURES_ENV]: String(pinFailures) };
    if (options.debugger?.wrapEntry) env[DEBUGGER_ENV] = JSON.stringify({ evalex: options.debugger.evalex, trustedHosts: options.debugger.trustedHosts });
    const child = new AppProcess(options.target, execArgv, env);
    alive.add(child);
    child.on("exit", () => alive.delete(child));
    child.on("loaded", (urls) => watcher.add(urls.map((url) => fileURLToPath(url))));
    child.on("returned", route);
    child.on("ready", () => becameReady(child));
    child.on("failed", (report) => failedToStart(child, report));
    child.on("crashed", (report) => crashed(child, report));
    child.on("pinAttempt", (failed) => {
      pinFailures = failed ? pinFailures + 1 : 0;
      for (const each of alive) each.tell({ type: "debugger-pin-failures", count: pinFailures });
    });
    return child;
  }

  function reload(): void {
    if (closing) return;
    if (starting !== undefined) {
      changedWhileStarting = true;
      return;
    }
    reloadStartedAt = performance.now();
    starting = standby ?? spawn();
    starting.activate();
    // Boot the next standby now: importing the new code takes milliseconds, booting Node takes
    // far longer, and a quick second save must find a standby ready.
    standby = spawn();
  }

  function finishedStarting(): void {
    starting = undefined;
    if (closing) return;
    if (changedWhileStarting) {
      changedWhileStarting = false;
      reload();
    }
  }

  function becameReady(child: AppProcess): void {
    if (child !== starting) return;
    const previous = current;
    current = child;
    const hadFailed = failure !== undefined;
    failure = undefined;
    for (const socket of waiting.splice(0)) route(socket);
    previous?.retire();
    if (previous !== undefined || hadFailed) {
      log(` * Reloaded in ${Math.round(performance.now() - reloadStartedAt)} ms`);
    }
    finishedStarting();
  }

  function failedToStart(child: AppProcess, report: ErrorReport): void {
    if (closing) return;
    if (child === standby) {
      // Booting itself failed (not the app): report it; the next reload boots a fresh one.
      standby = undefined;
      log(` * An app process failed to boot: ${describeError(report)}`);
      return;
    }
    if (child !== starting) return;
    child.retire();
    logFailure("Error while starting the app", report);
    if (current === undefined) showFailure("The app failed to start", report);
    else log(" * Still serving the previous version until the next save");
    finishedStarting();
  }

  function crashed(child: AppProcess, report: ErrorReport): void {
    if (child !== current || closing) return;
    current = undefined;
    logFailure("The app process crashed", report);
    showFailure("The app process crashed", report);
  }

  function showFailure(heading: string, report: ErrorReport): void {
    failure = { report, heading };
    for (const socket of waiting.splice(0)) route(socket);
  }

  function logFailure(heading: string, report: ErrorReport): void {
    log(` * ${heading}: ${describeError(report)}`);
    if (report.stack !== "") log(report.stack);
  }

  const listener = createNetServer({ pauseOnConnect: true }, route);
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(options.port, options.host, () => {
      listener.off("error", reject);
      resolve();
    });
  });
  const port = (listener.address() as AddressInfo).port;
  for (const line of startupBanner(options.host, port, colour)) log(line);
  if (options.debugger?.evalex) for (const line of pinBanner(pinSetup(options.debugger.appPath))) log(line);

  // Only once the port is ours: a server that cannot listen must leave nothing running.
  watcher = watchSources({
    folders: options.watchFolders,
    extraFiles: options.extraFiles,
    excludePatterns: options.excludePatterns,
    onChange(paths) {
      const shown = paths.length === 1 ? `'${paths[0]}'` : `${paths.length} files ('${paths[0]}', ...)`;
      log(` * Detected change in ${shown}, reloading`);
      reload();
    },
  });

  reload();
  await watcher.ready;
  log(` * Watching for changes in ${options.watchFolders.map((folder) => relative(process.cwd(), folder) || ".").join(", ")}`);

  return {
    port,
    async close() {
      if (closing) return;
      closing = true;
      for (const socket of waiting.splice(0)) socket.destroy();
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      for (const socket of onErrorPage) socket.destroy();
      await Promise.all([watcher.close(), ...[...alive].map((child) => child.stop())]);
      await closed;
    },
  };
}
