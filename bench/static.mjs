// bench part: static files: wz sharedData against express's serve-static, 1 KiB and 1 MiB files
//
//   node bench/static.mjs [--rounds N] [--duration S] [--connections C]
//
// Each server runs in its own process pinned to core 0 (bench/static-server.mjs); wrk (else
// autocannon) runs pinned to core 1, against 127.0.0.1 only, for a bounded time per run. Rounds
// are interleaved (every round measures both servers on both files, in alternating order) and
// each wz result is divided by serve-static's of the same round and file. Any error or non-2xx
// answer fails the run. Results: bench/results/static.md and static.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { TICK_US, cpuTicks, hasTaskset, hasWrk, median, option, pinned } from "./load-tools.mjs";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rounds = Number(option("--rounds", 5));
const duration = Number(option("--duration", 3));
const connections = Number(option("--connections", 32));
const outDir = path.join(repoRoot, "bench", ".out", "static");
const resultsDir = path.join(repoRoot, "bench", "results");
const KINDS = ["wz", "serve-static"];
const LABELS = { wz: "wz sharedData", "serve-static": "serve-static (express.static)" };
const FILES = [
  { name: "1 KiB file", file: "one-kib.txt", size: 1024 },
  { name: "1 MiB file", file: "one-mib.bin", size: 1024 * 1024 },
];

function makeFiles() {
  fs.mkdirSync(outDir, { recursive: true });
  for (const { file, size } of FILES) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = 97 + (i % 26);
    fs.writeFileSync(path.join(outDir, file), bytes);
  }
}

function startServer(kind) {
  const [command, commandArgs] = pinned(0, process.execPath, [path.join(repoRoot, "bench", "static-server.mjs"), kind, outDir]);
  const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "inherit"], cwd: repoRoot });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve({ kind, child, port: Number(line) }));
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
  });
}

async function check(server, target) {
  const res = await fetch(`http://127.0.0.1:${server.port}/static/${target.file}`);
  const body = Buffer.from(await res.arrayBuffer());
  const expected = fs.readFileSync(path.join(outDir, target.file));
  if (res.status !== 200 || !body.equals(expected)) throw new Error(`${server.kind} served ${target.file} wrongly: ${res.status}, ${body.length} bytes`);
}

function generate(server, target, seconds) {
  const url = `http://127.0.0.1:${server.port}/static/${target.file}`;
  if (hasWrk) {
    const [command, commandArgs] = pinned(1, "wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, url]);
    const run = spawnSync(command, commandArgs, { encoding: "utf8" });
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout);
    const total = /(\d+) requests in/.exec(run.stdout);
    if (!rps || !total) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
    const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(run.stdout);
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(run.stdout);
    const errors = (non2xx ? Number(non2xx[1]) : 0) + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
    return { rps: Number(rps[1]), total: Number(total[1]), errors };
  }
  const cli = path.join(repoRoot, "node_modules", "autocannon", "autocannon.js");
  const [command, commandArgs] = pinned(1, process.execPath, [cli, "-j", "-c", String(connections), "-d", String(seconds), url]);
  const result = JSON.parse(spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 16 << 20 }).stdout);
  return { rps: result.requests.average, total: result.requests.total, errors: result.errors + result.timeouts + result.non2xx };
}

function load(server, target, seconds) {
  const before = cpuTicks(server.child.pid);
  const result = generate(server, target, seconds);
  return { ...result, cpuUs: ((cpuTicks(server.child.pid) - before) * TICK_US) / result.total };
}

makeFiles();
const loadBefore = os.loadavg();
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim();
const servers = [];
try {
  for (const kind of KINDS) servers.push(await startServer(kind));
  for (const server of servers) for (const target of FILES) await check(server, target);
  process.stderr.write(
    `static: answers checked; ${hasWrk ? "wrk" : "autocannon"}, ${connections} connections, ${duration} s per run, ${rounds} rounds${hasTaskset ? ", server on core 0, load on core 1" : " (no taskset: unpinned)"}\n`,
  );
  for (const server of servers) for (const target of FILES) generate(server, target, 1); // warm-up (JIT)

  const rps = {}; // rps[file][kind] = [per round]
  const ratios = {};
  const cpu = {};
  const cpuRatios = {};
  let errors = 0;
  for (let round = 0; round < rounds; round++) {
    for (const target of FILES) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      const thisRound = {};
      for (const server of order) {
        const result = load(server, target, duration);
        errors += result.errors;
        thisRound[server.kind] = result;
      }
      for (const kind of KINDS) {
        ((rps[target.name] ??= {})[kind] ??= []).push(thisRound[kind].rps);
        ((cpu[target.name] ??= {})[kind] ??= []).push(thisRound[kind].cpuUs);
      }
      (ratios[target.name] ??= []).push(thisRound.wz.rps / thisRound["serve-static"].rps);
      (cpuRatios[target.name] ??= []).push(thisRound["serve-static"].cpuUs / thisRound.wz.cpuUs);
    }
    process.stderr.write(`static: round ${round + 1}/${rounds} done\n`);
  }
  if (errors > 0) throw new Error(`static: ${errors} errors or non-2xx answers during the runs`);

  const loadAfter = os.loadavg();
  const lines = [
    "| file | server | req/s (median) | req/s wz / serve-static (median, min-max) | server CPU µs/request (median) | CPU efficiency wz / serve-static (median, min-max) |",
    "|---|---|--:|--:|--:|--:|",
  ];
  const json = [];
  const range = (values) => `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
  for (const target of FILES) {
    const r = ratios[target.name];
    const c = cpuRatios[target.name];
    for (const kind of KINDS) {
      const row = { file: target.name, server: LABELS[kind], rps: Math.round(median(rps[target.name][kind])), cpuUs: median(cpu[target.name][kind]) };
      if (kind === "wz") {
        Object.assign(row, { ratio: median(r), min: Math.min(...r), max: Math.max(...r), cpuRatio: median(c), cpuMin: Math.min(...c), cpuMax: Math.max(...c) });
      }
      json.push(row);
      lines.push(
        `| ${row.file} | ${row.server} | ${row.rps} | ${kind === "wz" ? range(r) : ""} | ${row.cpuUs.toFixed(1)} | ${kind === "wz" ? range(c) : ""} |`,
      );
    }
  }
  const loadavg = (values) => values.map((v) => v.toFixed(2)).join(" ");
  const header = `Static files, ${rounds} interleaved rounds of ${duration} s, ${hasWrk ? "wrk -t1" : "autocannon"} -c${connections}, 0 errors, Node ${process.version}, ${new Date().toISOString()}, commit ${commit}, load average ${loadavg(loadBefore)} before, ${loadavg(loadAfter)} after (2 cores)`;
  const table = `${header}\n\n${lines.join("\n")}\n`;
  console.log(table);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, "static.md"), table);
  fs.writeFileSync(path.join(resultsDir, "static.json"), JSON.stringify({ header, rows: json }, null, 2));
} finally {
  for (const server of servers) server.child.kill();
}
