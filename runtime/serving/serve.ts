// `serve(app, options)`: an app on node:http, in this process or in a node:cluster of worker
// processes, with a production access log and a graceful stop on SIGTERM/SIGINT.
//
// With `workers` above 1 the script that calls `serve` runs in every process, as node:cluster
// works: in the primary `serve` forks the workers and supervises them (cluster.ts), in each
// worker it serves the app on the shared port.
import cluster from "node:cluster";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "./dispatch.js";
import { toNodeListener, type ListenerOptions } from "./node.js";
import { streamWriter, type AccessLogWriter } from "./access-log.js";
import { superviseWorkers, workerCount, type WzCluster } from "./cluster.js";
import { serverUrl } from "./server-url.js";

export interface ServeOptions extends Omit<ListenerOptions, "accessLog"> {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 5000 (Werkzeug's). */
  port?: number;
  /** Processes serving the app: a number, or `"auto"` for one per CPU. Default 1 (this process). */
  workers?: number | "auto";
  /**
   * The access log: true (default) writes Combined Log Format lines to stdout, a function
   * receives each line, false turns it off.
   */
  accessLog?: boolean | AccessLogWriter;
  /**
   * On SIGTERM or SIGINT, stop accepting connections, let requests in flight finish (at most
   * `shutdownTimeoutMs`), then exit the process. Default true; with false, call `close()`.
   */
  handleSignals?: boolean;
  /** How long a graceful stop waits for requests in flight. Default 10000 (Docker's stop grace). */
  shutdownTimeoutMs?: number;
  /** Where the primary of a cluster reports workers starting and dying. Default stderr. */
  log?: (line: string) => void;
}

/** A running server in this process. */
export interface WzServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  /**
   * Stops accepting connections, closes idle keep-alive connections, lets requests in flight
   * finish, and force-closes what is left after `timeoutMs` (default `shutdownTimeoutMs`).
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Serves `app` on node:http: `const server = await serve(app, { port: 8000 })`. With
 * `workers` above 1, the primary process gets a `WzCluster` and each worker a `WzServer`.
 */
export function serve(app: App, options?: ServeOptions & { workers?: 1 }): Promise<WzServer>;
export function serve(app: App, options: ServeOptions): Promise<WzServer | WzCluster>;
export async function serve(app: App, options: ServeOptions = {}): Promise<WzServer | WzCluster> {
  const workers = workerCount(options.workers);
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  if (workers > 1 && cluster.isPrimary) {
    const supervisor = await superviseWorkers({
      workers,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 5000,
      shutdownTimeoutMs,
      log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    });
    return options.handleSignals === false ? supervisor : withStopSignals(supervisor);
  }
  const server = await listen(app, { ...options, shutdownTimeoutMs });
  // A worker always stops gracefully: the primary asks it to with SIGTERM.
  return options.handleSignals === false && !cluster.isWorker ? server : withStopSignals(server);
}

async function listen(app: App, options: ServeOptions & { shutdownTimeoutMs: number }): Promise<WzServer> {
  const host = options.host ?? "127.0.0.1";
  const accessLog = options.accessLog ?? true;
  const server = createServer(
    toNodeListener(app, {
      ...options,
      accessLog: accessLog === true ? streamWriter() : accessLog === false ? undefined : accessLog,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 5000, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    host,
    port,
    url: serverUrl(host, port),
    close({ timeoutMs = options.shutdownTimeoutMs } = {}) {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * The first SIGTERM or SIGINT stops the server gracefully and then exits the process; the
 * listeners go away when the server is closed otherwise. A second signal while stopping is
 * ignored: a terminal's Ctrl+C reaches the primary and every worker at once.
 */
function withStopSignals<T extends { close(options?: { timeoutMs?: number }): Promise<void> }>(server: T): T {
  const close = server.close.bind(server);
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return Object.assign(server, {
    close(options?: { timeoutMs?: number }) {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      return close(options);
    },
  });
}
