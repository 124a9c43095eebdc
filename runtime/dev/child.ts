// The app process. It starts as a standby (runtime and TypeScript loader loaded, app not yet
// imported), so that a save only costs importing the changed code. On "activate" it imports the
// app, reports ready (or the error that stopped it), then serves the connections the parent
// forwards until it is retired.
import { register } from "node:module";
import type { Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
// Loaded now, before the module hooks exist, so that the app's own `import "wz"` and
// `import "wz/routing"` find them loaded: about 100 ms of an activation otherwise.
import "../index.js";
import "../routing/index.js";
import { listenerFor, type Application } from "./app-listener.js";
import { createConnectionServer, type ConnectionServer } from "./connection-server.js";
import { defaultExportedApp } from "./app-module.js";
import { reportError } from "./error-report.js";
import { DEBUGGER_ENV, TARGET_ENV, type AppTarget, type ChildMessage, type ParentMessage } from "./messages.js";
import { takeAppFromRunSimple } from "./child-handoff.js";
import { isTypeScript, type HookData } from "./loader-hooks.js";
// The parent's count of wrong debugger PINs arrives from the moment this process exists (it may
// boot while the count changes): the module that keeps it listens as soon as it is loaded.
import "../debug/pin-attempts.js";

// How long a retired process may take to finish its in-flight responses.
const RETIRE_GRACE_MS = 5000;

function send(message: ChildMessage): void {
  if (process.connected) process.send!(message);
}

function sendThenExit(message: ChildMessage, code: number): void {
  if (process.connected) process.send!(message, () => process.exit(code));
  else process.exit(code);
}

const target = JSON.parse(process.env[TARGET_ENV]!) as AppTarget;
process.setSourceMapsEnabled(true);
registerHooks();
// The debugger loads (and starts watching for exceptions) while this process waits as a standby.
const debuggerOptions =
  process.env[DEBUGGER_ENV] === undefined ? undefined : (JSON.parse(process.env[DEBUGGER_ENV]) as { evalex: boolean; trustedHosts: string[] });
const debuggerModule = debuggerOptions === undefined ? undefined : import("../debug/debugged-app.js").then(() => import("../debug/index.js"));

let server: ConnectionServer | undefined;
let activated = false;

// Ctrl+C reaches every process of the terminal's group; the parent decides when apps stop.
process.on("SIGINT", () => {});
// The parent is gone (even killed with SIGKILL): never outlive it.
process.on("disconnect", () => process.exit(0));
process.on("uncaughtException", (error) => {
  // The parent prints the report (stack included); print it here only when nobody will.
  if (!process.connected) console.error(error);
  sendThenExit({ type: server === undefined ? "failed" : "crashed", error: reportError(error) }, 1);
});

process.on("message", (message: ParentMessage, handle?: Socket) => {
  if (message.type === "connection" && handle !== undefined) server?.accept(handle);
  else if (message.type === "activate" && !activated) {
    activated = true;
    activate().catch((error: unknown) => sendThenExit({ type: "failed", error: reportError(error) }, 1));
  } else if (message.type === "retire") {
    void (server?.retire(RETIRE_GRACE_MS) ?? Promise.resolve()).then(() => process.exit(0));
  }
});

send({ type: "standby" });

async function activate(): Promise<void> {
  let app = await importApp(target);
  if (debuggerModule !== undefined) {
    const { debuggedApplicationWith, debuggerReady } = await debuggerModule;
    app = debuggedApplicationWith(app, debuggerOptions!, { appPath: target.file, announce: false });
    await debuggerReady(app);
  }
  server = createConnectionServer(listenerFor(app), (line) => process.stderr.write(`${line}\n`), giveBack);
  send({ type: "ready" });
}

function giveBack(socket: Socket): void {
  if (!process.connected) {
    socket.destroy();
    return;
  }
  // Once sent, the socket here has no handle left; destroying it frees node:http's state.
  process.send!({ type: "connection" } satisfies ChildMessage, socket, { keepOpen: false }, () => socket.destroy());
}

async function importApp(target: AppTarget): Promise<Application> {
  const url = pathToFileURL(target.file).href;
  if (target.kind === "script") {
    process.argv = [process.argv[0]!, target.file, ...target.argv];
    const fromRunSimple = takeAppFromRunSimple();
    // The script may await runSimple (which never returns in an app process), so the app is
    // ready when runSimple hands it over, not when the import finishes.
    return Promise.race([fromRunSimple, import(url).then(() => fromRunSimple)]);
  }
  return defaultExportedApp(await import(url), target.file);
}

// TypeScript support, and the loader thread posts each project file it loads so the parent
// watches it too; sent in batches (an app loads its modules in a burst).
function registerHooks(): void {
  const { port1, port2 } = new MessageChannel();
  const data: HookData = { port: port2, warmTypeScript: isTypeScript(target.file) };
  register("./loader-hooks.js", import.meta.url, { data, transferList: [port2] });
  let batch: string[] = [];
  port1.on("message", (url: string) => {
    if (batch.length === 0)
      setTimeout(() => {
        send({ type: "loaded", files: batch });
        batch = [];
      }, 20);
    batch.push(url);
  });
  port1.unref();
}
