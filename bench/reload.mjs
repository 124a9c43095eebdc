// bench part: reload — save-to-new-code latency and failed requests during reloads: wz dev vs node --watch, nodemon, tsx watch
//
//   node bench/reload.mjs [--runs 3] [--reloads 8] [--only wz-js,nodemon]
//
// Method (that of shared/reference/debugger-reloader.md, so the figures compare): each variant's
// app is copied to a fresh temp folder and started on a free 127.0.0.1 port. Once it answers
// "v0", a sequential request loop starts (a new connection per request, 1.5 s timeout, 2 ms
// pause). 800 ms later the harness rewrites the source ("v0" -> "vN") `reloads` times, 2.2 s
// apart. Latency = write -> end of the first response whose body is "vN". Failed = any request
// that errored or timed out. Outage = from the first failed request after a write to the next
// success. Variants are interleaved within each run; medians over all reloads of all runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import net from "node:net";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(benchDir);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(option("--runs", 3));
const reloads = Number(option("--reloads", 8));
const only = option("--only", undefined)?.split(",");

const bin = (relative) => path.join(repoRoot, "node_modules", relative);
const VARIANTS = [
  {
    name: "wz-js",
    label: "wz dev (JS app)",
    app: "wz-app.js",
    file: "app.js",
    command: (port) => [path.join(repoRoot, "bin", "wz.js"), "dev", "app.js", "--port", String(port)],
  },
  {
    name: "wz-ts",
    label: "wz dev (TS app)",
    app: "wz-app.ts",
    file: "app.ts",
    command: (port) => [path.join(repoRoot, "bin", "wz.js"), "dev", "app.ts", "--port", String(port)],
  },
  { name: "node-watch", label: "node --watch", app: "node-app.js", file: "app.js", command: () => ["--watch", "app.js"] },
  { name: "nodemon", label: "nodemon", app: "node-app.js", file: "app.js", command: () => [bin("nodemon/bin/nodemon.js"), "--quiet", "app.js"] },
  { name: "tsx-watch", label: "tsx watch (TS app)", app: "node-app.ts", file: "app.ts", command: () => [bin("tsx/dist/cli.mjs"), "watch", "app.ts"] },
].filter((variant) => only === undefined || only.includes(variant.name));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(url, timeoutMs = 1500) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(body));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("TIMEOUT"), { code: "TIMEOUT" })));
    req.on("error", reject);
  });
}

async function measure(variant) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wz-reload-${variant.name}-`));
  const source = path.join(dir, variant.file);
  fs.copyFileSync(path.join(benchDir, "reload-apps", variant.app), source);
  // The wz apps `import "wz"`: this repository.
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(repoRoot, path.join(dir, "node_modules", "wz"), "dir");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // Its own process group, so the tool and every process it started are stopped together.
  const child = spawn(process.execPath, variant.command(port), {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, PORT: String(port), NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    const bootDeadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await get(url, 1000)) === "v0") break;
      } catch {}
      if (Date.now() > bootDeadline) throw new Error(`${variant.name} did not answer v0:\n${stderr}`);
      await sleep(20);
    }
    // Let the watcher finish its initial scan: a write before that could be missed.
    await sleep(500);

    const events = []; // { at, body } or { at, error }
    let running = true;
    const loop = (async () => {
      while (running) {
        try {
          events.push({ at: performance.now(), body: await get(url) });
        } catch (error) {
          events.push({ at: performance.now(), error: error.code ?? error.message });
        }
        await sleep(2);
      }
    })();
    await sleep(800);
    const writes = [];
    for (let n = 1; n <= reloads; n++) {
      const text = fs.readFileSync(source, "utf8").replace(/"v\d+"/, `"v${n}"`);
      writes.push(performance.now());
      fs.writeFileSync(source, text);
      await sleep(2200);
    }
    running = false;
    await loop;

    const perReload = writes.map((writtenAt, i) => {
      const until = writes[i + 1] ?? Infinity;
      const window = events.filter((e) => e.at >= writtenAt && e.at < until);
      const seen = window.find((e) => e.body === `v${i + 1}`);
      const failures = window.filter((e) => e.error !== undefined);
      let outage = 0;
      if (failures.length > 0) {
        const recovered = window.find((e) => e.at > failures[0].at && e.body !== undefined);
        outage = (recovered?.at ?? until) - failures[0].at;
      }
      return { latency: seen === undefined ? null : seen.at - writtenAt, failed: failures.length, outage };
    });
    const errorKinds = {};
    for (const e of events) if (e.error !== undefined) errorKinds[e.error] = (errorKinds[e.error] ?? 0) + 1;
    return { total: events.length, failed: events.filter((e) => e.error !== undefined).length, perReload, errorKinds };
  } finally {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await Promise.race([new Promise((resolve) => child.once("exit", resolve)), sleep(3000)]);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (values, p) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

const collected = Object.fromEntries(VARIANTS.map((v) => [v.name, []]));
for (let run = 1; run <= runs; run++) {
  for (const variant of VARIANTS) {
    const result = await measure(variant);
    collected[variant.name].push(result);
    const latencies = result.perReload.map((r) => r.latency);
    console.error(`run ${run} ${variant.label.padEnd(20)} median ${Math.round(median(latencies))} ms, failed ${result.failed}/${result.total}`);
  }
}

const summary = VARIANTS.map((variant) => {
  const results = collected[variant.name];
  const perReload = results.flatMap((r) => r.perReload);
  const errorKinds = {};
  for (const r of results) for (const [kind, n] of Object.entries(r.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
  return {
    name: variant.name,
    label: variant.label,
    command: variant
      .command("<port>")
      .map((part) => (path.relative(repoRoot, part).startsWith("..") ? part : path.basename(part)))
      .join(" "),
    medianMs: median(perReload.map((r) => r.latency)),
    p90Ms: percentile(
      perReload.map((r) => r.latency),
      0.9,
    ),
    neverSeen: perReload.filter((r) => r.latency === null).length,
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    total: results.reduce((sum, r) => sum + r.total, 0),
    failedPerReloadMedian: median(perReload.map((r) => r.failed)),
    outageMedianMs: median(perReload.map((r) => r.outage)),
    errorKinds,
  };
});

const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), runs, reloads, variants: summary };
const round = (v) => (v === null ? "-" : String(Math.round(v)));
const wzJs = summary.find((s) => s.name === "wz-js");
const wzTs = summary.find((s) => s.name === "wz-ts");
const lines = [
  `Reload: ${runs} runs x ${reloads} saves per variant, sequential loopback request loop (new connection per request), Node ${process.version}, ${os.cpus().length} CPUs, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}.`,
  "",
  "| variant | median save -> new code (ms) | p90 (ms) | failed / total requests | failed per reload (median) | outage (median ms) | errors |",
  "|---|---|---|---|---|---|---|",
  ...summary.map(
    (s) =>
      `| ${s.label} | ${round(s.medianMs)}${s.neverSeen ? ` (${s.neverSeen} never seen)` : ""} | ${round(s.p90Ms)} | ${s.failed} / ${s.total} | ${round(s.failedPerReloadMedian)} | ${round(s.outageMedianMs)} | ${
        Object.entries(s.errorKinds)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ") || "-"
      } |`,
  ),
];
if (wzJs && wzTs && wzJs.medianMs !== null && wzTs.medianMs !== null) {
  lines.push(
    "",
    `The TypeScript loader (esbuild transform in a module hook) adds ${Math.round(wzTs.medianMs - wzJs.medianMs)} ms to the median reload (TS ${round(wzTs.medianMs)} ms vs JS ${round(wzJs.medianMs)} ms).`,
  );
}
const markdown = lines.join("\n") + "\n";
console.log(markdown);
fs.mkdirSync(path.join(benchDir, "results"), { recursive: true });
fs.writeFileSync(path.join(benchDir, "results", "reload.md"), markdown);
fs.writeFileSync(path.join(benchDir, "results", "reload.json"), JSON.stringify(results, null, 2) + "\n");
