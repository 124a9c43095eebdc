// bench part: route matching, wz's generated matcher against peer routers, plus compile time and size
//
//   node bench/match.mjs [--rounds N] [--sets static,dynamic,...]
//
// Each route set runs in its own process (bench/match-set.mjs); results go to stdout and to
// bench/results/match.md (and .json). wz runs through its public surface: compileRoutes() from
// wz/compiler, the generated module transpiled as outside code would, map.bind().tryMatch().
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { loadSets, routesSourceFor, setNames } from "./sets.mjs";
import { peers, versions } from "./routers.mjs";
import { repoRoot, transpile } from "../fixtures/neutral.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const rounds = Number(option("--rounds", 40));
const outDir = path.join(repoRoot, "bench", ".out");
const resultsDir = path.join(repoRoot, "bench", "results");
const chosen = loadSets({ outDir, names: option("--sets", null)?.split(",") ?? setNames });

const firstLine = (e) => String(e?.message ?? e).split("\n")[0];

// ---- wz: compile each set's routes file through the public API -------------------------------
let compileRoutes = null;
let wzMissing = null;
try {
  ({ compileRoutes } = await import("wz/compiler"));
  if (typeof compileRoutes !== "function") wzMissing = "wz/compiler has no compileRoutes yet";
} catch (e) {
  wzMissing = `wz/compiler did not load: ${firstLine(e)}`;
}

function routesFileOf(set) {
  if (set.routesFile) return set.routesFile;
  const file = path.join(outDir, "sets", set.name, "routes.ts");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, routesSourceFor(set));
  return file;
}

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
    const why = child.stderr.split("\n").filter((l) => l.trim() && !/^\s+at /.test(l) && !/^Node\.js v/.test(l)).at(-1);
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
  ...(gen10k ? [["generated 1k", { routesFile: gen10k.sizes["1k"], routes: { length: 1000 } }], ["generated 10k", gen10k]] : []),
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
        label, routes: set.routes.length, wallMs: med("wallMs"), compileMs: med("compileMs"), loadMs: med("loadMs"),
        tsBytes: Buffer.byteLength(code), jsBytes: Buffer.byteLength(js), gzipBytes: gzipSync(js).length,
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
const measured = [];
for (const set of chosen) {
  const wz = await prepareWz(set);
  const childArgs = ["--expose-gc", path.join(repoRoot, "bench", "match-set.mjs"), set.name, "--rounds", String(rounds)];
  if (wz.module) childArgs.push("--wz", wz.module);
  else childArgs.push("--wz-missing", wz.missing);
  process.stderr.write(`match: ${set.title} ... `);
  const started = Date.now();
  const child = spawnSync(process.execPath, childArgs, { encoding: "utf8", maxBuffer: 64 << 20 });
  if (child.status !== 0) {
    process.stderr.write(`failed\n${child.stderr}\n`);
    measured.push({ set: set.name, title: set.title, failed: firstLine(child.stderr.trim().split("\n").at(-1)) });
    continue;
  }
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  measured.push(JSON.parse(child.stdout));
}

// ---- report ----------------------------------------------------------------------------------
const names = ["wz", ...peers.map((p) => p.name)];
const notes = [];
const noteFor = (text) => {
  let i = notes.indexOf(text);
  if (i === -1) i = notes.push(text) - 1;
  return `n/a[^${i + 1}]`;
};
const ok = measured.filter((m) => !m.failed);
const fmtNs = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : ns >= 100 ? `${ns.toFixed(0)} ns` : `${ns.toFixed(1)} ns`);
let md = `## Route matching: ns per lookup (median of ${rounds} interleaved rounds), ratio to the fastest peer\n\n`;
md += `| router | ${ok.map((m) => m.title).join(" | ")} |\n|---|${ok.map(() => "--:").join("|")}|\n`;
for (const name of names) {
  const cells = ok.map((m) => {
    const r = m.results.find((x) => x.name === name);
    if (!r) return "";
    if (r.na) return noteFor(`${name}, ${m.title}: ${r.na}`);
    const fastest = Math.min(...m.results.filter((x) => x.name !== "wz" && x.ns != null).map((x) => x.ns));
    const bold = r.ns === fastest ? "**" : "";
    return `${bold}${fmtNs(r.ns)}${bold} (${r.ratio.toFixed(2)}×)`;
  });
  md += `| ${name} | ${cells.join(" | ")} |\n`;
}
for (const m of measured.filter((x) => x.failed)) notes.push(`${m.title}: the set's process failed: ${m.failed}`);
md += `\nTarget: wz faster than every peer on every set, i.e. below 1.00×.\n\nCells: median ns per lookup; in brackets the median over rounds of (this router / the fastest peer in the same round), so below 1.00× is faster than every peer. Bold: the fastest peer by median.\n`;
if (notes.length) md += "\n" + notes.map((n, i) => `[^${i + 1}]: ${n}`).join("\n") + "\n";

md += `\n### Setup time in-process (ms: add every route, compile() where the router has one, first lookup)\n\n`;
md += `| router | ${ok.map((m) => m.title).join(" | ")} |\n|---|${ok.map(() => "--:").join("|")}|\n`;
for (const name of names.filter((n) => n !== "wz")) {
  md += `| ${name} | ${ok.map((m) => { const r = m.results.find((x) => x.name === name); return r?.setupMs == null ? "n/a" : r.setupMs.toFixed(1); }).join(" | ")} |\n`;
}
md += `\nwz does this work ahead of time (next table); its run-time setup is importing the generated module and \`map.bind()\`.\n`;

md += `\n## wz compile time and generated size\n\n`;
if (!compiled.length) md += `Not measured: ${wzMissing ?? (args.includes("--no-compile") ? "skipped (--no-compile)" : "neither the GitHub nor the generated set was chosen")}.\n`;
else {
  md += `| routes file | routes | cold process (ms) | compileRoutes() (ms) | import wz/compiler (ms) | generated TS | as JS | JS gzip | deterministic |\n|---|--:|--:|--:|--:|--:|--:|--:|:-:|\n`;
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  for (const c of compiled) {
    if (c.failed) md += `| ${c.label} | ${c.routes} | failed: ${c.failed} | | | | | | |\n`;
    else md += `| ${c.label} | ${c.routes} | ${c.wallMs.toFixed(0)} | ${c.compileMs.toFixed(0)} | ${c.loadMs.toFixed(0)} | ${kb(c.tsBytes)} | ${kb(c.jsBytes)} | ${kb(c.gzipBytes)} | ${c.deterministic ? "yes" : "NO"} |\n`;
  }
  md += `\nMedian of 3 cold runs (1 when a run takes over 20 s), each a new node process that imports wz/compiler and compiles the file once; "deterministic": every run gave byte-identical code.\n`;
}

const v = versions();
md += `\n### Environment\n\nNode ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}; `;
md += Object.entries(v).map(([k, x]) => `${k} ${x}`).join(", ") + `; ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.\n`;

fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, "match.md"), md);
fs.writeFileSync(path.join(resultsDir, "match.json"), JSON.stringify({ rounds, measured, compiled, versions: v, node: process.version }, null, 1) + "\n");
console.log(md);
