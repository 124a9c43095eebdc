// bench part: the debugger's costs: HTTP throughput on vs off when nothing throws, capture time per exception at stack depth 10, and the time from a throw to the served error page
//
//   node bench/debugger.mjs [--rounds N] [--duration S]
//
// 1. Throughput: two server processes (bench/debugger-server.mjs), the app bare and wrapped in
//    debuggedApplication({ evalex: true }) (the inspector session pauses on every exception),
//    measured with autocannon on 127.0.0.1 in interleaved rounds (order alternating); each
//    round's "on" result is divided by that round's "off" result; for a sync handler and one
//    that awaits once. Server CPU time per request
//    (from /proc) is reported too: other processes on the machine disturb it less than req/s.
// 2. Capture: a throw through 10 frames, caught, in a process without and a process with the
//    debugger capturing (child processes, alternating, medians); the difference is what the
//    debugger adds per exception (V8's pause + handing the scopes over).
// 3. Throw -> page: in this process, an app that throws at stack depth 10; the time from the
//    throw (performance.now() just before it) to the last byte of the 500 page at the client.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import http from "node:http";
import autocannon from "autocannon";
import { repoRoot } from "../fixtures/neutral.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const rounds = option("--rounds", 6);
const duration = option("--duration", 3);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const fixed = (n, digits = 2) => n.toFixed(digits);

// ---- child-process modes ----------------------------------------------------------------------
if (args[0] === "--capture-child") {
  // One process measures one mode: "off" (no debugger) or "on" (capturing).
  const mode = args[1];
  if (mode === "on") {
    process.env.WZ_DEBUGGER_PIN = "off";
    const { debuggedApplication } = await import("../dist/runtime/index.js");
    const { debuggerReady } = await import("../dist/runtime/debug/index.js");
    await debuggerReady(debuggedApplication(() => null, { evalex: true }));
  }
  const scope = { values: [1, 2, 3] };
  function deep(depth, state) {
    const local = depth * 2;
    if (depth === 0) throw new Error(`at the bottom with ${local} and ${state.values.length}`);
    return deep(depth - 1, state) + local;
  }
  // Depth 10 below this frame: deep(9)..deep(0) plus the loop's frame.
  const once = () => {
    try {
      deep(9, scope);
    } catch (error) {
      return error;
    }
  };
  // The debugger pauses on at most 50 exceptions a second (then only on uncaught ones for a
  // while): 5 throws of warm-up and 40 timed one by one fit in the first second.
  for (let i = 0; i < 5; i++) once();
  const times = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    once();
    times.push((performance.now() - started) * 1000);
  }
  // Past the limit: the cost of a throw while only uncaught exceptions pause.
  for (let i = 0; i < 60; i++) once();
  const started = performance.now();
  for (let i = 0; i < 400; i++) once();
  const limited = ((performance.now() - started) * 1000) / 400;
  process.stdout.write(`${JSON.stringify({ perThrow: median(times), limited })}\n`);
  process.exit(0);
}

if (args[0] === "--await-child") {
  // ns per call of an async function that awaits once, without or with the debugger capturing.
  if (args[1] === "on") {
    process.env.WZ_DEBUGGER_PIN = "off";
    const { debuggedApplication } = await import("../dist/runtime/index.js");
    const { debuggerReady } = await import("../dist/runtime/debug/index.js");
    await debuggerReady(debuggedApplication(() => null, { evalex: true }));
  }
  const step = async (i) => {
    await null;
    return i + 1;
  };
  for (let i = 0; i < 100_000; i++) await step(i);
  const before = process.cpuUsage();
  for (let i = 0; i < 1_000_000; i++) await step(i);
  const used = process.cpuUsage(before);
  process.stdout.write(`${(used.user + used.system) / 1000}\n`);
  process.exit(0);
}

if (args[0] === "--requests-child") {
  // CPU time per request through the test client (in process: no socket, so other processes
  // on the machine disturb it little), without or with the debugger.
  const mode = args[1];
  process.env.WZ_DEBUGGER_PIN = "off";
  const { debuggedApplication, Client, Response } = await import("../dist/runtime/index.js");
  const { debuggerReady } = await import("../dist/runtime/debug/index.js");
  const app = (request) => new Response(`hello ${request.path}`);
  const served = mode === "on" ? debuggedApplication(app, { evalex: true }) : app;
  await debuggerReady(served);
  const client = new Client(served);
  const n = 20_000;
  for (let i = 0; i < 2000; i++) await client.get(`/hello${i % 10}`);
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const response = await client.get(`/hello${i % 10}`);
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  }
  const used = process.cpuUsage(before);
  process.stdout.write(`${((used.user + used.system) * 1000) / n}\n`);
  process.exit(0);
}

// ---- 1. throughput ---------------------------------------------------------------------------
function cpuTicks(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
const TICK_US = 1e6 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

function startServer(mode, handler) {
  const child = spawn(process.execPath, [path.join(repoRoot, "bench", "debugger-server.mjs"), mode, handler], {
    stdio: ["ignore", "pipe", "inherit"],
    cwd: repoRoot,
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve({ mode: `${mode} ${handler}`, child, port: Number(line) }));
    child.once("exit", (code) => reject(new Error(`the ${mode} server exited (${code}) before listening`)));
  });
}

async function load(server) {
  const before = cpuTicks(server.child.pid);
  const result = await autocannon({ url: `http://127.0.0.1:${server.port}/hello`, connections: 16, duration });
  const ticks = cpuTicks(server.child.pid) - before;
  if (result.non2xx || result.errors) throw new Error(`${server.mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, cpuUs: (ticks * TICK_US) / result.requests.total };
}

const HANDLERS = ["sync", "async"];
const servers = {};
for (const handler of HANDLERS) servers[handler] = { off: await startServer("off", handler), on: await startServer("on", handler) };
const throughput = Object.fromEntries(HANDLERS.map((handler) => [handler, { off: [], on: [], ratio: [], cpuRatio: [] }]));
try {
  for (let round = 0; round < rounds; round++) {
    for (const handler of HANDLERS) {
      const order = round % 2 === 0 ? ["off", "on"] : ["on", "off"];
      const results = {};
      for (const mode of order) results[mode] = await load(servers[handler][mode]);
      const series = throughput[handler];
      series.off.push(results.off);
      series.on.push(results.on);
      series.ratio.push(results.on.rps / results.off.rps);
      series.cpuRatio.push(results.off.cpuUs / results.on.cpuUs);
    }
    process.stderr.write(`debugger: throughput round ${round + 1}/${rounds} done\n`);
  }
} finally {
  for (const pair of Object.values(servers)) for (const server of Object.values(pair)) server.child.kill();
}

// The cost behind the async figures: an await while the Debugger domain is on.
const awaits = { off: [], on: [] };
for (let run = 0; run < rounds; run++) {
  for (const mode of run % 2 === 0 ? ["off", "on"] : ["on", "off"]) {
    const child = spawnSync(process.execPath, [path.join(repoRoot, "bench", "debugger.mjs"), "--await-child", mode], { encoding: "utf8", cwd: repoRoot });
    if (child.status !== 0) throw new Error(`await child (${mode}) failed: ${child.stderr}`);
    awaits[mode].push(Number(child.stdout.trim()));
  }
}

// In process, CPU ns per request: alternating child processes, the least disturbed run of each
// mode compared (and the medians).
const inProcess = { off: [], on: [] };
for (let run = 0; run < rounds; run++) {
  for (const mode of run % 2 === 0 ? ["off", "on"] : ["on", "off"]) {
    const child = spawnSync(process.execPath, [path.join(repoRoot, "bench", "debugger.mjs"), "--requests-child", mode], { encoding: "utf8", cwd: repoRoot });
    if (child.status !== 0) throw new Error(`requests child (${mode}) failed: ${child.stderr}`);
    inProcess[mode].push(Number(child.stdout.trim()));
  }
}
process.stderr.write("debugger: in-process requests measured\n");

// ---- 2. capture per exception ------------------------------------------------------------------
const capture = { off: [], on: [], limitedOff: [], limitedOn: [] };
for (let run = 0; run < rounds; run++) {
  for (const mode of run % 2 === 0 ? ["off", "on"] : ["on", "off"]) {
    const child = spawnSync(process.execPath, [path.join(repoRoot, "bench", "debugger.mjs"), "--capture-child", mode], { encoding: "utf8", cwd: repoRoot });
    if (child.status !== 0) throw new Error(`capture child (${mode}) failed: ${child.stderr}`);
    const measured = JSON.parse(child.stdout.trim());
    capture[mode].push(measured.perThrow);
    capture[mode === "on" ? "limitedOn" : "limitedOff"].push(measured.limited);
  }
}
process.stderr.write("debugger: capture measured\n");

// ---- 3. throw -> page ----------------------------------------------------------------------------
process.env.WZ_DEBUGGER_PIN = "off";
const { debuggedApplication, serve, Response } = await import("../dist/runtime/index.js");
const { debuggerReady } = await import("../dist/runtime/debug/index.js");
let thrownAt = 0;
function nested(depth) {
  if (depth === 0) {
    thrownAt = performance.now();
    throw new Error("the page's error");
  }
  return nested(depth - 1);
}
const app = async (request) => {
  await Promise.resolve();
  if (request.path === "/fail") nested(8);
  return new Response("ok");
};
const debugged = debuggedApplication(app, { evalex: true });
await debuggerReady(debugged);
const pageServer = await serve(debugged, { port: 0, onError: () => {} });
const bareServer = await serve(app, { port: 0, onError: () => {} });
function fetchPage(server) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/fail`, { headers: { accept: "text/html" }, agent: false }, (res) => {
      let size = 0;
      res.on("data", (chunk) => (size += chunk.length));
      res.on("end", () => resolve({ ms: performance.now() - thrownAt, size, status: res.statusCode }));
    });
    req.on("error", reject);
    req.end();
  });
}
const pageTimes = { debugger: [], bare: [] };
// The debugger prints each traceback on the terminal, as it should; not 120 times here.
const printError = console.error;
console.error = () => {};
let pageSize = 0;
for (let i = 0; i < 60; i++) {
  const page = await fetchPage(pageServer);
  const bare = await fetchPage(bareServer);
  if (page.status !== 500 || bare.status !== 500) throw new Error("expected 500 pages");
  if (i >= 10) {
    pageTimes.debugger.push(page.ms);
    pageTimes.bare.push(bare.ms);
  }
  pageSize = page.size;
}
console.error = printError;
await pageServer.close();
await bareServer.close();

// ---- results ------------------------------------------------------------------------------------
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim();
const loadAverage = os
  .loadavg()
  .map((n) => n.toFixed(2))
  .join(" ");
const captureOff = median(capture.off);
const captureOn = median(capture.on);
const lines = [
  `# Debugger costs`,
  ``,
  `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, commit ${commit}, load average at the end ${loadAverage} (${os.cpus().length} cores). Produced by \`node bench/debugger.mjs\`.`,
  ``,
  `## Throughput when nothing throws (target: on >= 0.98 x off)`,
  ``,
  `GET /hello answered 200, autocannon 16 connections, ${duration} s per run, ${rounds} interleaved rounds (on/off order alternating). "on" = \`debuggedApplication(app, { evalex: true })\` with the inspector pausing on exceptions. "sync": \`(request) => new Response(...)\`; "async": the same after one \`await\`. CPU per request is the server process's (from /proc); its least disturbed run is the one with the least CPU per request.`,
  ``,
  `| handler | debugger | req/s (median) | req/s ratio on/off (median, min-max) | server CPU µs/request (median; least disturbed) | CPU ratio off/on (median; least disturbed) |`,
  `|---|---|--:|--:|--:|--:|`,
  ...HANDLERS.flatMap((handler) => {
    const series = throughput[handler];
    const cpu = (mode) => series[mode].map((r) => r.cpuUs);
    return ["off", "on"].map(
      (mode) =>
        `| ${handler} | ${mode} | ${Math.round(median(series[mode].map((r) => r.rps)))} | ${mode === "on" ? `${fixed(median(series.ratio), 3)} (${fixed(Math.min(...series.ratio), 3)}-${fixed(Math.max(...series.ratio), 3)})` : "1"} | ${fixed(median(cpu(mode)), 1)}; ${fixed(Math.min(...cpu(mode)), 1)} | ${mode === "on" ? `${fixed(median(series.cpuRatio), 3)}; ${fixed(Math.min(...cpu("off")) / Math.min(...cpu("on")), 3)}` : "1"} |`,
    );
  }),
  ``,
  `Why "async" costs more: while the Debugger domain is on, V8 takes its debug path on every \`await\` (Node 20). A call of an async function that awaits once: ${Math.round(median(awaits.off))} ns without the debugger, ${Math.round(median(awaits.on))} ns with it (median of ${rounds} processes each, 1M calls). Only \`Debugger.disable\` removes it (measured: \`setAsyncCallStackDepth(0)\`, \`setSkipAllPauses\`, \`setBreakpointsActive(false)\` do not), and pausing on exceptions needs the domain on.`,
  ``,
  `In process (the test client, no socket; 20000 requests after 2000 of warm-up per process, ${rounds} processes per mode, alternating), CPU ns per request:`,
  ``,
  `| mode | least disturbed run | median | all runs |`,
  `|---|--:|--:|---|`,
  `| debugger off | ${Math.round(Math.min(...inProcess.off))} | ${Math.round(median(inProcess.off))} | ${inProcess.off.map((n) => Math.round(n)).join(", ")} |`,
  `| debugger on | ${Math.round(Math.min(...inProcess.on))} | ${Math.round(median(inProcess.on))} | ${inProcess.on.map((n) => Math.round(n)).join(", ")} |`,
  ``,
  `Throughput ratio on/off implied (off CPU / on CPU): ${fixed(Math.min(...inProcess.off) / Math.min(...inProcess.on), 3)} for the least disturbed runs, ${fixed(median(inProcess.off) / median(inProcess.on), 3)} for the medians.`,
  ``,
  `## Capture per exception at stack depth 10 (target: <= 1 ms)`,
  ``,
  `A throw through 10 frames, caught; 40 throws timed one by one (median) inside one second, after 5 of warm-up, ${rounds} processes per mode, alternating.`,
  ``,
  `| mode | µs per throw+catch (median of processes; min-max) |`,
  `|---|--:|`,
  `| no debugger | ${fixed(captureOff)} (${fixed(Math.min(...capture.off))}-${fixed(Math.max(...capture.off))}) |`,
  `| debugger capturing | ${fixed(captureOn)} (${fixed(Math.min(...capture.on))}-${fixed(Math.max(...capture.on))}) |`,
  ``,
  `The debugger adds ${fixed((captureOn - captureOff) / 1000, 3)} ms per exception (median difference).`,
  ``,
  `Past 50 exceptions in a second the debugger pauses only on uncaught ones for a while (a library that throws in a loop): a throw+catch then costs ${fixed(median(capture.limitedOn))} µs with the debugger, ${fixed(median(capture.limitedOff))} µs without (400 throws, median of processes).`,
  ``,
  `## From the throw to the served page (target: <= 50 ms)`,
  ``,
  `An async handler that throws at stack depth 10 (9 nested calls below it); time from \`performance.now()\` just before the throw to the last byte of the response at a client in the same process; 50 requests after 10 of warm-up, alternating with the bare 500 of the same app without the debugger.`,
  ``,
  `| server | median ms | p90 ms | max ms |`,
  `|---|--:|--:|--:|`,
  `| debugger (HTML page, ${pageSize} bytes) | ${fixed(median(pageTimes.debugger))} | ${fixed(quantile(pageTimes.debugger, 0.9))} | ${fixed(Math.max(...pageTimes.debugger))} |`,
  `| no debugger (bare 500) | ${fixed(median(pageTimes.bare))} | ${fixed(quantile(pageTimes.bare, 0.9))} | ${fixed(Math.max(...pageTimes.bare))} |`,
  ``,
];
const text = lines.join("\n");
process.stdout.write(text);
fs.mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(repoRoot, "bench", "results", "debugger.md"), text);
fs.writeFileSync(
  path.join(repoRoot, "bench", "results", "debugger.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      commit,
      node: process.version,
      loadAverage: os.loadavg(),
      throughput,
      awaits,
      inProcess,
      capture,
      pageTimes,
      pageSize,
    },
    null,
    2,
  ),
);
