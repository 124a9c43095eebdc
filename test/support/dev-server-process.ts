// Starts `wz dev` (or a runSimple script) on a copy of a fixture, on an ephemeral loopback port,
// and gives tests its URL, its log, and a way to stop it that never leaves a process behind.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { request, type Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const wzBin = join(repoRoot, "bin", "wz.js");

/** A private copy of fixtures/<name> (where `import "wz"` finds this repo), removed by `cleanup`. */
export function copyFixture(name: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `wz-${name}-`));
  cpSync(join(repoRoot, "fixtures", name), dir, { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repoRoot, join(dir, "node_modules", "wz"), "dir");
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningDevServer {
  url: string;
  process: ChildProcess;
  /** Everything written to stderr so far. */
  log(): string;
  /** Resolves when the log matches (checked on every write); rejects after timeoutMs. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface LoggedProcess {
  process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  log(): string;
  /** Resolves when the log matches (checked on every write); rejects after timeoutMs. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs node with `args` in `cwd`, collecting its output so tests can wait for lines. */
export function spawnLogged(args: string[], cwd: string, env: Record<string, string> = {}): LoggedProcess {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stderr!.on("data", onData);
  child.stdout!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const waitForLog = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match === null) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${pattern} in the log:\n${output}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
    const code = await exited;
    clearTimeout(killer);
    return code;
  };
  return { process: child, log: () => output, waitForLog, exited, stop };
}

/** Resolves once the server listens, (unless `readyLog` says otherwise) its watcher is ready, and it answered once. */
export async function startDevServer(args: string[], cwd: string, readyLog = /Watching for changes/): Promise<RunningDevServer> {
  // PORT is read by the runSimple fixture script.
  const started = spawnLogged(args, cwd, { PORT: "0" });
  try {
    const [, url] = await started.waitForLog(/Running on (http:\/\/127\.0\.0\.1:\d+)/);
    await started.waitForLog(readyLog);
    // The first request waits for the first app process to boot, which is slow on a busy machine.
    await get(url!, 20_000);
    return { url: url!, process: started.process, log: started.log, waitForLog: started.waitForLog, stop: started.stop };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/** Processes whose parent is `pid` (Linux `ps`): their ids and command lines. */
export function children(pid: number): { pid: number; command: string }[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .map((line) => ({ pid: Number(line.split(" ")[0]), command: line.slice(line.indexOf(" ") + 1) }));
  } catch {
    return []; // ps exits 1 when there is none
  }
}

/** Every process below `pid`: app processes and what they started (esbuild's service). */
export function descendants(pid: number): number[] {
  return children(pid).flatMap((child) => [child.pid, ...descendants(child.pid)]);
}

/** The app processes a dev server started. */
export function appProcesses(pid: number): number[] {
  return children(pid)
    .filter((child) => child.command.includes("dev/child.js"))
    .map((child) => child.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface Fetched {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One GET, by default on a new connection (no keep-alive), with a timeout: a hang counts as a failure. */
export function get(url: string, timeoutMs = 30_000, agent: Agent | false = false): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("TIMEOUT")));
    req.on("error", reject);
    req.end();
  });
}

export interface LoopResult {
  total: number;
  failed: { error: string; at: number }[];
  /** Bodies in the order they were received. */
  bodies: string[];
}

/** Sequential GETs until stopped or maxMs elapse: a bounded request loop. */
export function requestLoop(
  url: string,
  maxMs: number,
  pauseMs = 2,
  agent: Agent | false = false,
): { stop(): Promise<LoopResult>; latest(): string | undefined } {
  const result: LoopResult = { total: 0, failed: [], bodies: [] };
  let running = true;
  const deadline = Date.now() + maxMs;
  const done = (async () => {
    while (running && Date.now() < deadline) {
      result.total++;
      try {
        const response = await get(url, 30_000, agent);
        result.bodies.push(response.status === 200 ? response.body : `${response.status}`);
      } catch (error) {
        result.failed.push({ error: (error as Error).message, at: Date.now() });
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    latest: () => result.bodies.at(-1),
    async stop() {
      running = false;
      await done;
      return result;
    },
  };
}

// A wait on something the test causes; the timeout is a safety net for a hung process, not a
// speed threshold, so it is generous: a loaded CI machine may take seconds to reload.
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
