// bench part: serve({ workers }) under node:cluster against bare node:http under node:cluster, 1 and 2 workers
//
//   node bench/http-cluster.mjs [--rounds N] [--duration S] [--connections C]
//
// Four servers, each its own process tree (bench/http-cluster-server.mjs): bare node:http in one
// process, bare node:http under node:cluster with 2 workers, wz's serve(app, { workers: 1 }) and
// serve(app, { workers: 2 }); every one answers GET / with "hello". wrk (else autocannon) loads
// one server at a time against 127.0.0.1 for a bounded time, unpinned: the load generator
// shares the machine's cores with the workers, so 2 workers cannot double 1 worker's
// throughput here. Rounds are interleaved (every server once per round, order rotated); each
// result is divided by bare node:http's with the same worker count in the same round, and the
// 2-worker result by the 1-worker result of the same server in the same round (scaling).
// It also records the CPU time the whole process tree (primary and workers) spent per request,
// from /proc: req/s moves with whatever else runs on the machine, CPU per request much less.
// Medians and min-max over rounds.
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startRun } from "./provenance.mjs";

const run = startRun();
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const rounds = option("--rounds", 5);
const duration = option("--duration", 3);
const connections = option("--connections", 64);
const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;
const SERVERS = [
  { name: "bare-1", label: "bare node:http, 1 process", kind: "bare", workers: 1 },
  { name: "bare-2", label: "bare node:http, node:cluster, 2 workers", kind: "bare", workers: 2 },
  { name: "wz-1", label: "wz serve({ workers: 1 })", kind: "wz", workers: 1 },
  { name: "wz-2", label: "wz serve({ workers: 2 })", kind: "wz", workers: 2 },
];

function start(server) {
  const child = spawn(process.execPath, [path.join(repoRoot, "bench", "http-cluster-server.mjs"), server.kind, String(server.workers)], {
    stdio: ["ignore", "pipe", "inherit"],
    cwd: repoRoot,
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", (line) => resolve({ ...server, child, port: Number(line) }));
    child.once("exit", (code) => reject(new Error(`${server.name} exited (${code}) before listening`)));
  });
}

// CPU time (user + system, clock ticks) of a process and its children so far.
function treeTicks(pid) {
  const children = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .stdout.split("\n")
    .map(Number)
    .filter(Boolean);
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]) + children.reduce((sum, child) => sum + treeTicks(child), 0);
}
const TICK_US = 1e6 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

/** -> { rps, cpuUs }: throughput, and the process tree's CPU time per request. */
function load(server, seconds) {
  const before = treeTicks(server.child.pid);
  const { rps, total } = generate(server, seconds);
  return { rps, cpuUs: ((treeTicks(server.child.pid) - before) * TICK_US) / total };
}

function generate(server, seconds) {
  const url = `http://127.0.0.1:${server.port}/`;
  if (hasWrk) {
    const out = spawnSync("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, url], { encoding: "utf8" });
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out.stdout);
    if (!rps) throw new Error(`wrk failed: ${out.stderr || out.stdout}`);
    if (/Non-2xx/.test(out.stdout)) throw new Error(`${server.name}: non-2xx responses`);
    return { rps: Number(rps[1]), total: Number(/(\d+) requests in/.exec(out.stdout)[1]) };
  }
  const cli = path.join(repoRoot, "node_modules", "autocannon", "autocannon.js");
  const out = spawnSync(process.execPath, [cli, "-j", "-c", String(connections), "-d", String(seconds), url], { encoding: "utf8", maxBuffer: 16 << 20 });
  const result = JSON.parse(out.stdout);
  if (result.non2xx) throw new Error(`${server.name}: non-2xx responses`);
  return { rps: result.requests.average, total: result.requests.total };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;

const running = [];
try {
  for (const server of SERVERS) running.push(await start(server));
  for (const server of running) load(server, 1); // warm-up (JIT, every worker)
  const rps = Object.fromEntries(SERVERS.map((s) => [s.name, []]));
  const cpu = Object.fromEntries(SERVERS.map((s) => [s.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = running.map((_, i) => running[(i + round) % running.length]);
    for (const server of order) {
      const result = load(server, duration);
      rps[server.name].push(result.rps);
      cpu[server.name].push(result.cpuUs);
    }
    process.stderr.write(`http-cluster: round ${round + 1}/${rounds} done\n`);
  }
  const perRound = (f) => Array.from({ length: rounds }, (_, i) => f(i));
  const rows = SERVERS.map((s) => {
    const bare = `bare-${s.workers}`;
    return (
      `| ${s.label} | ${Math.round(median(rps[s.name]))} | ${spread(perRound((i) => rps[s.name][i] / rps[bare][i]))} | ` +
      `${median(cpu[s.name]).toFixed(1)}; ${Math.min(...cpu[s.name]).toFixed(1)} | ${spread(perRound((i) => cpu[bare][i] / cpu[s.name][i]))}; ${(Math.min(...cpu[bare]) / Math.min(...cpu[s.name])).toFixed(2)} | ` +
      `${s.workers === 2 ? spread(perRound((i) => rps[s.name][i] / rps[`${s.kind}-1`][i])) : ""} |`
    );
  });
  const text =
    [
      `## serve({ workers }) under node:cluster: GET / ("hello"), ${rounds} interleaved rounds of ${duration} s, ${hasWrk ? "wrk -t1" : "autocannon"} -c${connections}`,
      "",
      "| server | req/s (median) | req/s ratio to bare node:http with as many workers (median, min-max) | CPU µs/request, all processes (median; least-disturbed run) | CPU-efficiency ratio to bare with as many workers (median, min-max; of least-disturbed runs) | req/s 2 workers / 1 worker, same server (median, min-max) |",
      "|---|--:|--:|--:|--:|--:|",
      ...rows,
      "",
      "The load generator is unpinned and shares the 2 cores with the workers, so scaling from 1 to 2 workers is bounded well below 2× here.",
      "",
      run.finish(),
    ].join("\n") + "\n";
  console.log(text);
  fs.mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, "bench", "results", "http-cluster.md"), text);
  fs.writeFileSync(
    path.join(repoRoot, "bench", "results", "http-cluster.json"),
    JSON.stringify({ ...run.fields(), rounds, duration, connections, rps, cpuUsPerRequest: cpu }, null, 2) + "\n",
  );
} finally {
  for (const server of running) server.child.kill("SIGTERM");
}
