// bench part: route matching at three warm-up points (50 ms, 300 ms, 2 s), wz's generated matcher against peer routers, plus compile time and size
//
//   node bench/match.mjs [--rounds N] [--sets mix12,wildcard,...] [--routers wz,find-my-way,...] [--no-compile]
//
// Every router runs every scenario (a set's hits, its misses: 404s and 405s, and the 404s alone) in a fresh
// process (bench/match-warmup.mjs), after its answers are checked, and is timed when 50 ms,
// 300 ms and 2 s have been spent in lookups. Rounds repeat that for every router, each round in a
// different router order; the ratio to the fastest peer is taken per round (the machine's load
// moves every router of a round alike) and its median reported. wz runs through its public
// surface: compileRoutes() from wz/compiler, the generated module transpiled as outside code
// would, map.bind() once and adapter.lookup() per request. Results: bench/results/match.md|json.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { loadSets, routesFileFor, setNames } from "./sets.mjs";
import { peers, versions } from "./routers.mjs";
import { repoRoot, transpile } from "../fixtures/neutral.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const rounds = Number(option("--rounds", 3));
const routerFilter = option("--routers", null)?.split(",");
const outDir = path.join(repoRoot, "bench", ".out");
const resultsDir = path.join(repoRoot, "bench", "results");
const chosen = loadSets({ outDir, names: option("--sets", null)?.split(",") ?? setNames });

const firstLine = (e) => String(e?.message ?? e).split("\n")[0];
const gitCommit = () => spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim() || "unknown";
const loadAtStart = os.loadavg();

// ---- wz: compile each set's routes file through the public API -------------------------------
let compileRoutes = null;
let wzMissing = null;
try {
  ({ compileRoutes } = await import("wz/compiler"));
  if (typeof compileRoutes !== "function") wzMissing = "wz/compiler has no compileRoutes yet";
} catch (e) {
  wzMissing = `wz/compiler did not load: ${firstLine(e)}`;
}

const routesFileOf = (set) => routesFileFor(set, outDir);

/** -> { module } (path of the transpiled generated module) or { missing } (why wz cannot run). */
async function prepareWz(set) {
  if (!compileRoutes) return { missing: wzMissing };
  const file = routesFileOf(set);
  let result = compiledCode.get(file);
  if (result?.failed) return { missing: `compileRoutes threw: ${result.failed}` };
  try {
    result ??= await compileRoutes({ file });
  } catch (e) {
    return { missing: `compileRoutes threw: ${firstLine(e)}` };
  }
  const errors = (result.diagnostics ?? []).filter((d) => d.severity !== "warning");
  if (errors.length || !result.code) {
    const d = errors[0];
    return { missing: d ? `compile error: ${d.message} (${path.basename(d.file ?? "")}:${d.line})` : "compileRoutes returned no code" };
  }
  const dir = path.join(outDir, "gen", set.name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "routes.gen.ts"), result.code);
  const module = path.join(dir, "routes.gen.mjs");
  fs.writeFileSync(module, transpile(result.code));
  return { module };
}

// ---- compile time and generated size ----------------------------------------------------------
// Cold: a new node process that imports wz/compiler and compiles once, as `wz-compile` would.
function compileCold(file) {
  const script = `
    const t0 = performance.now();
    const { compileRoutes } = await import("wz/compiler");
    const t1 = performance.now();
    const r = await compileRoutes({ file: ${JSON.stringify(file)} });
    const t2 = performance.now();
    const errors = (r.diagnostics ?? []).filter((d) => d.severity !== "warning").length;
    console.log(JSON.stringify({ loadMs: t1 - t0, compileMs: t2 - t1, errors, code: r.code ?? "" }));`;
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8", maxBuffer: 256 << 20 });
  const wallMs = performance.now() - t0;
  if (child.status !== 0) {
    const why = child.stderr
      .split("\n")
      .filter((l) => l.trim() && !/^\s+at /.test(l) && !/^Node\.js v/.test(l))
      .at(-1);
    throw new Error(why ?? `exit ${child.status}`);
  }
  const out = child.stdout;
  return { ...JSON.parse(out), wallMs };
}

// Measured first: the code of the first cold run is reused for matching, which saves compiling
// the large tables twice.
const compiled = [];
/** routes file -> { code, diagnostics } or { failed } */
const compiledCode = new Map();
const github = chosen.find((s) => s.name === "github");
const gen10k = chosen.find((s) => s.name === "gen10k");
const sizeTargets = [
  ...(github ? [["GitHub API", github]] : []),
  ...(gen10k
    ? [
        ["generated 1k", { routesFile: gen10k.sizes["1k"], routes: { length: 1000 } }],
        ["generated 10k", gen10k],
      ]
    : []),
];
if (compileRoutes && !args.includes("--no-compile")) {
  for (const [label, set] of sizeTargets) {
    process.stderr.write(`compile: ${label} ... `);
    try {
      // Three cold runs, unless one already takes long enough that its noise does not matter.
      const runs = [compileCold(set.routesFile)];
      if (runs[0].wallMs < 20000) runs.push(compileCold(set.routesFile), compileCold(set.routesFile));
      const med = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[(runs.length - 1) >> 1];
      const code = runs[0].code;
      if (runs[0].errors || !code) throw new Error(`${runs[0].errors} compile errors`);
      compiledCode.set(set.routesFile, { code, diagnostics: [] });
      const js = transpile(code);
      compiled.push({
        label,
        routes: set.routes.length,
        wallMs: med("wallMs"),
        compileMs: med("compileMs"),
        loadMs: med("loadMs"),
        tsBytes: Buffer.byteLength(code),
        jsBytes: Buffer.byteLength(js),
        gzipBytes: gzipSync(js).length,
        deterministic: runs.every((r) => r.code === code),
      });
      process.stderr.write("done\n");
    } catch (e) {
      compiled.push({ label, routes: set.routes.length, failed: firstLine(e) });
      compiledCode.set(set.routesFile, { failed: firstLine(e) });
      process.stderr.write(`failed: ${firstLine(e)}\n`);
    }
  }
}

// ---- matching --------------------------------------------------------------------------------
const POINT_LABELS = ["50 ms", "300 ms", "2 s"];
const routerNames = ["wz", ...peers.map((p) => p.name)].filter((n) => !routerFilter || routerFilter.includes(n));
const scenarios = chosen.flatMap((set) => [
  { set, kind: "hits", title: `${set.title}: hits` },
  { set, kind: "misses", title: `${set.title}: misses (404, 405)` },
  // The peers answer a 405 from an empty per-method tree, with no Allow list; Werkzeug's 405
  // needs the path walked. The 404s alone compare like with like.
  { set, kind: "notfound", title: `${set.title}: misses, 404 only` },
]);
const wzModules = new Map();
for (const set of chosen) wzModules.set(set.name, await prepareWz(set));

function runChild(set, kind, router) {
  const childArgs = ["--expose-gc", path.join(repoRoot, "bench", "match-warmup.mjs"), set.name, kind, router];
  if (router === "wz") {
    const wz = wzModules.get(set.name);
    if (!wz.module) return { na: wz.missing };
    childArgs.push("--wz", wz.module);
  }
  const child = spawnSync(process.execPath, childArgs, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 180_000 });
  if (child.status !== 0)
    return {
      na: `process failed: ${firstLine(
        child.stderr
          .trim()
          .split("\n")
          .filter((l) => !/^\s+at /.test(l))
          .at(-1) ?? child.signal,
      )}`,
    };
  return JSON.parse(child.stdout.trim().split("\n").at(-1));
}

/** runs[scenario index][router] = one result per round */
const runs = scenarios.map(() => Object.fromEntries(routerNames.map((n) => [n, []])));
for (let round = 0; round < rounds; round++) {
  for (const [s, sc] of scenarios.entries()) {
    process.stderr.write(`match round ${round + 1}/${rounds}: ${sc.title} `);
    for (let k = 0; k < routerNames.length; k++) {
      const name = routerNames[(round + k) % routerNames.length];
      const earlier = runs[s][name][0];
      // A router that cannot hold the set (or answers wrongly) is not asked again.
      const result = earlier?.na ? earlier : runChild(sc.set, sc.kind, name);
      runs[s][name].push(result);
      process.stderr.write(result.na ? "x" : ".");
    }
    process.stderr.write("\n");
  }
}
let outcomes = null;
const outcomeSet = chosen.find((set) => set.name === "github") ?? chosen[0];
if (routerNames.includes("wz") && wzModules.get(outcomeSet.name)?.module) {
  process.stderr.write(`match: wz outcome costs on ${outcomeSet.title}\n`);
  outcomes = runChild(outcomeSet, "outcomes", "wz");
}

// ---- report ----------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const peerNames = new Set(peers.map((p) => p.name));
/** Per scenario, router and point: median ns, and median over rounds of ns / the round's fastest peer. */
const summary = scenarios.map((sc, s) => {
  const byRouter = {};
  for (const name of routerNames) {
    const results = runs[s][name];
    const na = results.find((r) => r.na)?.na;
    if (na) {
      byRouter[name] = { na };
      continue;
    }
    byRouter[name] = { ns: POINT_LABELS.map((_, p) => median(results.map((r) => r.points[p]))), ratio: [] };
  }
  for (let p = 0; p < POINT_LABELS.length; p++) {
    const perRound = routerNames.map(() => []);
    for (let round = 0; round < rounds; round++) {
      const fastest = Math.min(...routerNames.filter((n) => peerNames.has(n) && !byRouter[n].na).map((n) => runs[s][n][round].points[p]));
      routerNames.forEach((n, i) => !byRouter[n].na && perRound[i].push(runs[s][n][round].points[p] / fastest));
    }
    routerNames.forEach((n, i) => !byRouter[n].na && byRouter[n].ratio.push(median(perRound[i])));
  }
  return { title: sc.title, set: sc.set.name, kind: sc.kind, lookups: runs[s].wz?.[0]?.lookups, byRouter };
});

const notes = [];
const noteFor = (text) => {
  let i = notes.indexOf(text);
  if (i === -1) i = notes.push(text) - 1;
  return `n/a[^${i + 1}]`;
};
const fmtNs = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : ns >= 100 ? `${ns.toFixed(0)} ns` : `${ns.toFixed(1)} ns`);
let md = `## Route matching: ns per lookup after 50 ms, 300 ms and 2 s spent in lookups (fresh process per router and scenario, ${rounds} rounds)\n\n`;
// The sections let README quote the summary alone (bench/report.mjs, `match.md#summary`).
md += `<!-- section: summary -->\n### wz against the fastest peer\n\n`;
md += `| scenario | ${POINT_LABELS.map((l) => `wz at ${l} | fastest peer at ${l} | ratio`).join(" | ")} | wz 50 ms / wz 2 s |\n|---|${POINT_LABELS.map(() => "--:|---|--:").join("|")}|--:|\n`;
for (const row of summary) {
  const wz = row.byRouter.wz;
  if (!wz || wz.na) {
    md += `| ${row.title} | ${wz ? noteFor(`wz, ${row.title}: ${wz.na}`) : "not run"} |${POINT_LABELS.map(() => " | |").join("")} |\n`;
    continue;
  }
  const cells = POINT_LABELS.map((_, p) => {
    const peersHere = Object.entries(row.byRouter).filter(([n, r]) => peerNames.has(n) && !r.na);
    const [bestName, best] = peersHere.sort((a, b) => a[1].ns[p] - b[1].ns[p])[0] ?? ["", null];
    const speedup = 1 / wz.ratio[p];
    return `${fmtNs(wz.ns[p])} | ${best ? `${fmtNs(best.ns[p])} ${bestName}` : ""} | **${speedup.toFixed(2)}×**`;
  });
  md += `| ${row.title} | ${cells.join(" | ")} | ${(wz.ns[0] / wz.ns[2]).toFixed(2)} |\n`;
}
md += `\nRatio: the median over rounds of (fastest peer's time / wz's time) in the same round, so above 1.00× wz is faster than every peer (target ≥ 1.5× at 300 ms and 2 s). Last column: wz's own warm-up, its time at 50 ms over its time at 2 s (target ≤ 1.5).\n`;
md += `\n<!-- section: details -->\n`;
for (const [p, label] of POINT_LABELS.entries()) {
  md += `\n### Every router after ${label}\n\n| router | ${summary.map((r) => r.title).join(" | ")} |\n|---|${summary.map(() => "--:").join("|")}|\n`;
  for (const name of routerNames) {
    const cells = summary.map((row) => {
      const r = row.byRouter[name];
      if (r.na) return noteFor(`${name}, ${row.title}: ${r.na}`);
      return `${fmtNs(r.ns[p])} (${r.ratio[p].toFixed(2)}×)`;
    });
    md += `| ${name} | ${cells.join(" | ")} |\n`;
  }
  md += `\nCells: median ns per lookup; in brackets the median over rounds of (this router / the fastest peer in the same round).\n`;
}
if (outcomes?.outcomes) {
  md += `\n### wz outcome costs (${outcomeSet.title}, adapter.lookup, after 2 s, interleaved)\n\n| outcome | ns per lookup |\n|---|--:|\n`;
  for (const [kind, ns] of Object.entries(outcomes.outcomes)) md += `| ${kind} | ${fmtNs(ns)} |\n`;
} else if (outcomes?.na) notes.push(`wz outcome costs: ${outcomes.na}`);
if (notes.length) md += "\n" + notes.map((n, i) => `[^${i + 1}]: ${n}`).join("\n") + "\n";

md += `\n## wz compile time and generated size\n\n`;
if (!compiled.length)
  md += `Not measured: ${wzMissing ?? (args.includes("--no-compile") ? "skipped (--no-compile)" : "neither the GitHub nor the generated set was chosen")}.\n`;
else {
  md += `| routes file | routes | cold process (ms) | compileRoutes() (ms) | import wz/compiler (ms) | generated TS | as JS | JS gzip | deterministic |\n|---|--:|--:|--:|--:|--:|--:|--:|:-:|\n`;
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  for (const c of compiled) {
    if (c.failed) md += `| ${c.label} | ${c.routes} | failed: ${c.failed} | | | | | | |\n`;
    else
      md += `| ${c.label} | ${c.routes} | ${c.wallMs.toFixed(0)} | ${c.compileMs.toFixed(0)} | ${c.loadMs.toFixed(0)} | ${kb(c.tsBytes)} | ${kb(c.jsBytes)} | ${kb(c.gzipBytes)} | ${c.deterministic ? "yes" : "NO"} |\n`;
  }
  md += `\nMedian of 3 cold runs (1 when a run takes over 20 s), each a new node process that imports wz/compiler and compiles the file once; "deterministic": every run gave byte-identical code.\n`;
}

const v = versions();
md += `\n### Environment\n\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load average at the start ${loadAtStart.map((x) => x.toFixed(2)).join(" / ")}, at the end ${os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(" / ")}; commit ${gitCommit()}; `;
md +=
  Object.entries(v)
    .map(([k, x]) => `${k} ${x}`)
    .join(", ") + `; ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.\n`;

fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, "match.md"), md);
fs.writeFileSync(
  path.join(resultsDir, "match.json"),
  JSON.stringify(
    {
      rounds,
      points: POINT_LABELS,
      summary,
      runs: scenarios.map((sc, s) => ({ scenario: sc.title, results: runs[s] })),
      outcomes,
      compiled,
      versions: v,
      node: process.version,
      loadAverage: { start: loadAtStart, end: os.loadavg() },
      commit: gitCommit(),
    },
    null,
    1,
  ) + "\n",
);
console.log(md);
