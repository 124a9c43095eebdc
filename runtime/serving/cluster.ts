// The primary of `serve(app, { workers })`: forks the workers (node:cluster shares the listening
// port between them), replaces a worker that dies, and stops them all gracefully.
//
// A worker that dies while starting up, before any worker listened, stops the whole start: the
// same code would fail the same way in every replacement (gunicorn halts likewise). Later
// deaths are replaced; deaths in quick succession wait longer and longer before the next
// fork (100 ms doubling to 10 s), so a crash loop costs little CPU, and a worker that ran for a
// minute (since it listened) is replaced at once.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { serverUrl } from "./server-url.js";

/** The primary of a cluster started by `serve(app, { workers })`. */
export interface WzCluster {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  /** Process ids of the workers alive now. */
  readonly workers: readonly number[];
  /**
   * Asks every worker to stop gracefully (SIGTERM: stop accepting, finish requests in flight),
   * kills those still running `timeoutMs` later (default: the shutdown timeout plus 2 s), and
   * resolves once all have exited.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 10_000;
/** A worker that served this long (since it listened) before dying is not part of a crash loop. */
const STABLE_AFTER_MS = 60_000;

/** `workers` as a count: `"auto"` is one per CPU the process may use. */
export function workerCount(workers: number | "auto" | undefined): number {
  if (workers === undefined) return 1;
  if (workers === "auto") return availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new TypeError(`serve: workers must be a positive integer or "auto", got ${String(workers)}`);
  }
  return workers;
}

export interface SuperviseOptions {
  workers: number;
  host: string;
  port: number;
  shutdownTimeoutMs: number;
  log: (line: string) => void;
}

export async function superviseWorkers(options: SuperviseOptions): Promise<WzCluster> {
  const { host, log } = options;
  const alive = new Set<Worker>();
  const listeningSince = new Map<Worker, number>();
  let port = options.port;
  let started = false;
  let stopping = false;
  let quickDeaths = 0;
  const pendingForks = new Set<NodeJS.Timeout>();
  let failStart: (error: Error) => void = () => {};

  const fork = (): Worker => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.once("listening", (address) => {
      listeningSince.set(worker, Date.now());
      // Replacements ask for the same address as the first workers, so they share their
      // listening socket (with port 0 too); only if every worker had died would port 0 change.
      port = address.port;
      log(` * wz: worker ${worker.process.pid} listening on ${serverUrl(host, port)}`);
    });
    worker.once("exit", (code, signal) => {
      alive.delete(worker);
      const served = Date.now() - (listeningSince.get(worker) ?? Date.now());
      listeningSince.delete(worker);
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!started) {
        failStart(new Error(`wz: worker ${worker.process.pid} exited (${how}) while starting; its error is above`));
        return;
      }
      quickDeaths = served >= STABLE_AFTER_MS ? 0 : quickDeaths + 1;
      const delay = quickDeaths === 0 ? 0 : Math.min(FIRST_RESTART_DELAY_MS * 2 ** (quickDeaths - 1), MAX_RESTART_DELAY_MS);
      log(` * wz: worker ${worker.process.pid} exited (${how}); starting a new one${delay === 0 ? "" : ` in ${delay} ms`}`);
      const timer = setTimeout(() => {
        pendingForks.delete(timer);
        if (!stopping) fork();
      }, delay);
      pendingForks.add(timer);
    });
    return worker;
  };

  const close = ({ timeoutMs = options.shutdownTimeoutMs + 2000 } = {}): Promise<void> => {
    stopping = true;
    for (const timer of pendingForks) clearTimeout(timer);
    pendingForks.clear();
    const exits = [...alive].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once("exit", () => resolve());
          worker.process.kill("SIGTERM");
        }),
    );
    const kill = setTimeout(() => {
      for (const worker of alive) worker.process.kill("SIGKILL");
    }, timeoutMs);
    return Promise.all(exits).then(() => clearTimeout(kill));
  };

  const first = Array.from({ length: options.workers }, fork);
  try {
    await new Promise<void>((resolve, reject) => {
      failStart = reject;
      let listening = 0;
      for (const worker of first) {
        worker.once("listening", () => {
          if (++listening === first.length) resolve();
        });
      }
    });
  } catch (error) {
    await close({ timeoutMs: 2000 });
    throw error;
  }
  started = true;
  return {
    host,
    get port() {
      return port;
    },
    get url() {
      return serverUrl(host, port);
    },
    get workers() {
      return [...alive].map((worker) => worker.process.pid!);
    },
    close,
  };
}
