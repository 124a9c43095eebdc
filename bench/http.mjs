// bench part: HTTP throughput of wz on node:http against bare node:http, fastify, express 5 and hono
//
//   node bench/http.mjs [--rounds N] [--duration S] [--connections C]
//
// Each server runs in its own process pinned to core 0 (bench/http-server.mjs); the load
// generator (wrk, else autocannon) runs pinned to core 1, against 127.0.0.1 only, for a bounded
// time per run. Runs are interleaved: every round measures every server on every scenario, in
// a rotated order, and each result is divided by bare node:http's result of the same round
// and scenario. The table gives the median req/s and the median (min-max) ratio over rounds,
// and the server's CPU time per request (from /proc, so another process on the machine slows
// the req/s figures far more than it changes this one) with bare's divided by each server's.
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { TICK_US, cpuTicks, hasTaskset, hasWrk, median, option, pinned } from "./load-tools.mjs";
import { repoRoot, transpile } from "../fixtures/neutral.mjs";
import { startRun } from "./provenance.mjs";

const run = startRun();

const rounds = Number(option("--rounds", 5));
const duration = Number(option("--duration", 3));
const connections = Number(option("--connections", 32));
const outDir = path.join(repoRoot, "bench", ".out", "http");
const resultsDir = path.join(repoRoot, "bench", "results");
const KINDS = ["bare", "wz", "fastify", "express", "hono"];
const LABELS = { bare: "bare node:http", wz: "wz", fastify: "fastify", express: "express 5", hono: "hono (@hono/node-server)" };
const SCENARIOS = [
  { name: "GET /", method: "GET", path: "/", check: (text) => text === "hello" },
  { name: "GET /users/:id (JSON, ~100 other routes)", method: "GET", path: "/users/42", check: (text) => JSON.parse(text).id === 42 },
  {
    name: "POST /echo (small JSON)",
    method: "POST",
    path: "/echo",
    body: '{"name":"wz","tags":["a","b"],"n":1}',
    check: (text) => JSON.parse(text).name === "wz",
  },
];

// ---- wz routes: compiled through the public API, as an app would --------------------------------
async function compileWzRoutes() {
  fs.mkdirSync(outDir, { recursive: true });
  const others = Array.from({ length: 100 }, (_, i) => [`/api/v1/resource${i}`, `/api/v1/resource${i}/<item>`][i % 2]);
  const rules = [
    ...others.map((rule, i) => `  rule(${JSON.stringify(rule)}, { endpoint: "other${i}" }),`),
    '  rule("/", { endpoint: "index" }),',
    '  rule("/users/<int:id>", { endpoint: "user" }),',
    '  rule("/echo", { endpoint: "echo", methods: ["POST"] }),',
  ];
  const file = path.join(outDir, "routes.ts");
  fs.writeFileSync(file, `import { routes, rule } from "wz/routing";\nexport default routes({}, [\n${rules.join("\n")}\n]);\n`);
  const { compileRoutes } = await import("wz/compiler");
  const result = await compileRoutes({ file });
  const errors = (result.diagnostics ?? []).filter((d) => d.severity !== "warning");
  if (errors.length || !result.code) throw new Error(`wz routes did not compile: ${errors[0]?.message ?? "no code"}`);
  const module = path.join(outDir, "routes.gen.mjs");
  fs.writeFileSync(module, transpile(result.code));
  return module;
}

// ---- servers ---------------------------------------------------------------------------------
function startServer(kind, wzModule) {
  const [command, commandArgs] = pinned(0, process.execPath, [path.join(repoRoot, "bench", "http-server.mjs"), kind, wzModule]);
  const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "inherit"], cwd: repoRoot });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve({ kind, child, port: Number(line) }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
  });
}

async function check(server, scenario) {
  const res = await fetch(`http://127.0.0.1:${server.port}${scenario.path}`, {
    method: scenario.method,
    body: scenario.body,
    headers: scenario.body ? { "Content-Type": "application/json" } : {},
  });
  const text = await res.text();
  if (res.status !== 200 || !scenario.check(text)) throw new Error(`${server.kind} answered ${scenario.name} wrongly: ${res.status} ${text.slice(0, 80)}`);
}

// ---- load generation ------------------------------------------------------------------------
function luaFor(scenario) {
  const file = path.join(outDir, `post-${scenario.path.replace(/\W/g, "")}.lua`);
  fs.writeFileSync(file, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(scenario.body)}\nwrk.headers["Content-Type"] = "application/json"\n`);
  return file;
}

/** -> { rps, cpuUs }: throughput, and the server's CPU time per request (less sensitive to a busy machine). */
function load(server, scenario, seconds) {
  const before = cpuTicks(server.child.pid);
  const { rps, total } = generate(server, scenario, seconds);
  return { rps, cpuUs: ((cpuTicks(server.child.pid) - before) * TICK_US) / total };
}

function generate(server, scenario, seconds) {
  const url = `http://127.0.0.1:${server.port}${scenario.path}`;
  if (hasWrk) {
    const wrkArgs = ["-t1", `-c${connections}`, `-d${seconds}s`, url];
    if (scenario.body) wrkArgs.unshift("-s", luaFor(scenario));
    const [command, commandArgs] = pinned(1, "wrk", wrkArgs);
    const run = spawnSync(command, commandArgs, { encoding: "utf8" });
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout);
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(run.stdout);
    const socketErrors = /Socket errors: (.*)/.exec(run.stdout);
    // A timeout or two on a loaded machine is noise, not a wrong answer: reported, not fatal.
    if (socketErrors) process.stderr.write(`http: ${server.kind} ${scenario.name}: ${socketErrors[0]}\n`);
    const total = /(\d+) requests in/.exec(run.stdout);
    if (!rps || !total) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
    if (errors) throw new Error(`${server.kind} ${scenario.name}: ${errors[0]}`);
    return { rps: Number(rps[1]), total: Number(total[1]) };
  }
  const cli = path.join(repoRoot, "node_modules", "autocannon", "autocannon.js");
  const acArgs = [cli, "-j", "-c", String(connections), "-d", String(seconds), "-m", scenario.method];
  if (scenario.body) acArgs.push("-H", "Content-Type=application/json", "-b", scenario.body);
  const [command, commandArgs] = pinned(1, process.execPath, [...acArgs, url]);
  const run = spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 16 << 20 });
  const result = JSON.parse(run.stdout);
  if (result.non2xx) throw new Error(`${server.kind} ${scenario.name}: ${result.non2xx} non-2xx responses`);
  return { rps: result.requests.average, total: result.requests.total };
}

// ---- run ------------------------------------------------------------------------------------
const wzModule = await compileWzRoutes();
// What wz adds per request in process (no socket): pinned like the servers.
const [overheadCommand, overheadArgs] = pinned(0, process.execPath, [path.join(repoRoot, "bench", "http-overhead.mjs"), wzModule]);
const overheadRun = spawnSync(overheadCommand, overheadArgs, { encoding: "utf8" });
if (overheadRun.status !== 0) throw new Error(`http-overhead failed: ${overheadRun.stderr}`);
const overhead = JSON.parse(overheadRun.stdout);
const servers = [];
try {
  for (const kind of KINDS) servers.push(await startServer(kind, wzModule));
  for (const server of servers) for (const scenario of SCENARIOS) await check(server, scenario);
  process.stderr.write(
    `http: ${servers.length} servers up, answers checked; load generator ${hasWrk ? "wrk" : "autocannon"}, ${connections} connections, ${duration} s per run, ${rounds} rounds${hasTaskset ? ", server on core 0, load on core 1" : " (no taskset: unpinned)"}\n`,
  );
  for (const server of servers) for (const scenario of SCENARIOS) load(server, scenario, 1); // warm-up (JIT)

  const rps = {}; // rps[scenario][kind] = [per round]
  const ratios = {};
  const cpu = {};
  const cpuRatios = {};
  for (let round = 0; round < rounds; round++) {
    for (const scenario of SCENARIOS) {
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      const thisRound = {};
      for (const server of order) thisRound[server.kind] = load(server, scenario, duration);
      for (const kind of KINDS) {
        ((rps[scenario.name] ??= {})[kind] ??= []).push(thisRound[kind].rps);
        ((ratios[scenario.name] ??= {})[kind] ??= []).push(thisRound[kind].rps / thisRound.bare.rps);
        ((cpu[scenario.name] ??= {})[kind] ??= []).push(thisRound[kind].cpuUs);
        ((cpuRatios[scenario.name] ??= {})[kind] ??= []).push(thisRound.bare.cpuUs / thisRound[kind].cpuUs);
      }
    }
    process.stderr.write(`http: round ${round + 1}/${rounds} done\n`);
  }

  const lines = [
    "| scenario | server | req/s (median) | req/s ratio to bare (median, min-max) | server CPU µs/request (median; least-disturbed run) | CPU-efficiency ratio to bare (median, min-max; of least-disturbed runs) |",
    "|---|---|--:|--:|--:|--:|",
  ];
  const json = [];
  for (const scenario of SCENARIOS) {
    for (const kind of KINDS) {
      const r = ratios[scenario.name][kind];
      const c = cpuRatios[scenario.name][kind];
      const row = {
        scenario: scenario.name,
        server: LABELS[kind],
        rps: Math.round(median(rps[scenario.name][kind])),
        ratio: median(r),
        min: Math.min(...r),
        max: Math.max(...r),
        cpuUs: median(cpu[scenario.name][kind]),
        cpuRatio: median(c),
        cpuMin: Math.min(...c),
        cpuMax: Math.max(...c),
        // The run with the least CPU per request is the one least disturbed by other processes.
        cpuBestUs: Math.min(...cpu[scenario.name][kind]),
        cpuBestRatio: Math.min(...cpu[scenario.name].bare) / Math.min(...cpu[scenario.name][kind]),
      };
      json.push(row);
      lines.push(
        `| ${row.scenario} | ${row.server} | ${row.rps} | ${row.ratio.toFixed(2)} (${row.min.toFixed(2)}-${row.max.toFixed(2)}) | ${row.cpuUs.toFixed(1)}; ${row.cpuBestUs.toFixed(1)} | ${row.cpuRatio.toFixed(2)} (${row.cpuMin.toFixed(2)}-${row.cpuMax.toFixed(2)}); ${row.cpuBestRatio.toFixed(2)} |`,
      );
    }
  }
  // Projection: bare node:http's CPU per request on the wire plus what wz adds in process.
  const overheadLines = [
    "| scenario | bare handler µs/request | wz layer µs/request | wz adds µs | bare node:http CPU µs/request (wire, median) | projected ratio to bare |",
    "|---|--:|--:|--:|--:|--:|",
  ];
  SCENARIOS.forEach((scenario, i) => {
    const o = overhead[i];
    const bareWire = median(cpu[scenario.name].bare);
    const added = o.wzUs - o.bareUs;
    const projected = bareWire / (bareWire + added);
    json.push({ scenario: scenario.name, overhead: { ...o, addedUs: added, bareWireUs: bareWire, projected } });
    overheadLines.push(
      `| ${scenario.name} | ${o.bareUs.toFixed(2)} | ${o.wzUs.toFixed(2)} | ${added.toFixed(2)} | ${bareWire.toFixed(1)} | ${projected.toFixed(3)} |`,
    );
  });
  const header = `HTTP throughput, ${rounds} interleaved rounds of ${duration} s, ${hasWrk ? "wrk -t1" : "autocannon"} -c${connections}`;
  const table = `${header}\n\n${lines.join("\n")}\n\nWhat the wz layer adds per request, measured in process against fake node:http objects (bench/http-overhead.mjs, minimum of interleaved runs), and the ratio it implies on top of bare node:http's measured CPU cost per request:\n\n${overheadLines.join("\n")}\n\n${run.finish()}\n`;
  console.log(table);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, "http.md"), table);
  fs.writeFileSync(path.join(resultsDir, "http.json"), JSON.stringify({ ...run.fields(), header, rows: json }, null, 2));
} finally {
  for (const server of servers) server.child.kill();
}
