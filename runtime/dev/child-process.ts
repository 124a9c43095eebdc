// The parent's handle on one app process: spawning it, the messages it sends, handing it
// connections, retiring it.
import { fork, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { Socket } from "node:net";
import { stopReading } from "./connection-server.js";
import { fileURLToPath } from "node:url";
import { CHILD_ENV, TARGET_ENV, type AppTarget, type ChildMessage, type ErrorReport, type ParentMessage } from "./messages.js";

const CHILD_SCRIPT = fileURLToPath(new URL("./child.js", import.meta.url));
// After "retire" the process finishes in-flight responses (up to 5 s); past this it is killed.
const RETIRE_KILL_MS = 7000;

export type AppProcessState = "booting" | "standby" | "activating" | "ready" | "retiring" | "exited";

export interface AppProcessEvents {
  ready: [];
  failed: [ErrorReport];
  crashed: [ErrorReport];
  loaded: [string[]];
  /** A PIN was entered in this process's debugger (true: a wrong one). */
  pinAttempt: [boolean];
  /** An idle connection the retiring process gave back, to be passed to the current one. */
  returned: [Socket];
  exit: [number | null, NodeJS.Signals | null];
}

export class AppProcess extends EventEmitter<AppProcessEvents> {
  state: AppProcessState = "booting";
  readonly process: ChildProcess;
  private activateOnStandby = false;
  private reportedFailure = false;

  constructor(target: AppTarget, execArgv: string[], env: Record<string, string> = {}) {
    super();
    this.process = fork(CHILD_SCRIPT, [], {
      env: { ...process.env, ...env, [CHILD_ENV]: "true", [TARGET_ENV]: JSON.stringify(target) },
      execArgv,
      stdio: ["inherit", "inherit", "inherit", "ipc"],
    });
    this.process.on("message", (message: ChildMessage, handle?: unknown) => this.receive(message, handle));
    this.process.on("exit", (code, signal) => this.exited(code, signal));
  }

  /** Import the app now, or as soon as the process has booted. */
  activate(): void {
    if (this.state === "standby") this.sendActivate();
    else if (this.state === "booting") this.activateOnStandby = true;
  }

  /** Hand over an accepted connection; false when the process can no longer take it. */
  forward(socket: Socket): boolean {
    if (this.state !== "ready" || !this.process.connected) return false;
    this.process.send({ type: "connection" } satisfies ParentMessage, socket, { keepOpen: false });
    return true;
  }

  /** A message for the process, when it can still receive one. */
  tell(message: ParentMessage): void {
    if (this.state !== "exited" && this.process.connected) this.process.send(message);
  }

  /** Stop getting connections, finish the ones in flight, exit. */
  retire(): void {
    if (this.state === "exited" || this.state === "retiring") return;
    this.state = "retiring";
    if (this.process.connected) this.process.send({ type: "retire" } satisfies ParentMessage);
    else this.process.kill("SIGTERM");
    setTimeout(() => this.process.kill("SIGKILL"), RETIRE_KILL_MS).unref();
  }

  /** Stop now (the server is shutting down). */
  stop(): Promise<void> {
    if (this.state === "exited") return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.kill("SIGTERM");
    const killer = setTimeout(() => this.process.kill("SIGKILL"), 2000);
    return exited.finally(() => clearTimeout(killer));
  }

  private sendActivate(): void {
    this.state = "activating";
    this.process.send({ type: "activate" } satisfies ParentMessage);
  }

  private receive(message: ChildMessage, handle: unknown): void {
    switch (message.type) {
      case "connection":
        if (handle instanceof Socket) {
          // Received sockets start reading at once; stop before a byte is taken from the kernel.
          stopReading(handle);
          this.emit("returned", handle);
        }
        break;
      case "standby":
        this.state = "standby";
        if (this.activateOnStandby) this.sendActivate();
        break;
      case "ready":
        this.state = "ready";
        this.emit("ready");
        break;
      case "failed":
        this.reportedFailure = true;
        this.emit("failed", message.error);
        break;
      case "crashed":
        this.reportedFailure = true;
        this.emit("crashed", message.error);
        break;
      case "loaded":
        this.emit("loaded", message.files);
        break;
      case "debugger-pin-attempt":
        this.emit("pinAttempt", message.failed);
        break;
    }
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    const before = this.state;
    this.state = "exited";
    // A process that dies without saying why (killed, out of memory, process.exit in the app)
    // still has to be reported, or the parent would wait for it forever.
    if (!this.reportedFailure && before !== "retiring") {
      const error = {
        name: "Error",
        message: `the app process exited ${signal === null ? `with code ${code}` : `on ${signal}`}`,
        stack: "",
      };
      this.emit(before === "ready" ? "crashed" : "failed", error);
    }
    this.emit("exit", code, signal);
  }
}
