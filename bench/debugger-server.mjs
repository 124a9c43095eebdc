// A server for bench/debugger.mjs: the same app, wrapped in the debugger with consoles (the
// inspector pausing on exceptions) or not. It prints its port, then serves until killed.
//   node bench/debugger-server.mjs on|off sync|async
import { debuggedApplication, serve, Response } from "../dist/runtime/index.js";

const mode = process.argv[2];
// "async": a handler that awaits once, as most real handlers do (an await costs more while the
// inspector's Debugger domain is on).
const app =
  process.argv[3] === "async"
    ? async (request) => {
        await null;
        return new Response(`hello ${request.path}`);
      }
    : (request) => new Response(`hello ${request.path}`);
process.env.WZ_DEBUGGER_PIN ??= "off";
const served = mode === "on" ? debuggedApplication(app, { evalex: true }) : app;
const server = await serve(served, { port: 0 });
// The debugger loads on demand: wait until it answers (and pauses) before reporting ready.
await fetch(`${server.url}/warm`);
process.stdout.write(`${server.port}\n`);
