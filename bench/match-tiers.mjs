// bench part: the matcher's two tiers (code, table) side by side on the GitHub, 157-static, 1k and 10k sets, at three warm-up points, with the fastest peers
//
//   node bench/match-tiers.mjs [--rounds N] [--sets github,static157,gen1k,gen10k] [--routers wz:code,wz:table,@medley/router,...]
//
// What decides the tier threshold (TABLE_TIER_RULES in compiler/emit/index.ts): each set compiled
// with each tier forced, every router in a fresh process per scenario (bench/match-warmup.mjs),
// timed when 50 ms, 300 ms and 2 s of CPU have been spent in lookups; medians over rounds.
// Results: bench/results/match-tiers.md|json.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { loadSets, routesFileFor } from "./sets.mjs";
import { startRun } from "./provenance.mjs";
import { repoRoot, transpile } from "../fixtures/neutral.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const rounds = Number(option("--rounds", 3));
const TIERS = ["code", "table"];
const routerNames = option("--routers", null)?.split(",") ?? ["wz:code", "wz:table", "@medley/router", "find-my-way compile()"];
const outDir = path.join(repoRoot, "bench", ".out");
const sets = loadSets({ outDir, names: option("--sets", null)?.split(",") ?? ["github", "static157", "gen1k", "gen10k"] });
const run = startRun();

// The compiler's internals (built into dist/): the public compileRoutes has no tier option.
const dist = (p) => import(pathToFileURL(path.join(repoRoot, "dist", p)).href);
const { readRoutesFile } = await dist("compiler/compile-routes.js");
const { compileSource } = await dist("compiler/compile.js");
const { createRoutesProject } = await dist("compiler/read-project.js");

/** set name -> tier -> { module, tsBytes, jsBytes, gzipBytes, compileMs } */
const modules = new Map();
for (const set of sets) {
  const read = await readRoutesFile(routesFileFor(set, outDir), async () => createRoutesProject());
  const byTier = {};
  for (const tier of TIERS) {
    const outFile = path.join(outDir, "tiers", set.name, `routes.${tier}.gen.ts`);
    const t0 = performance.now();
    const { code, diagnostics } = compileSource(read.source, { outFile, tier });
    const compileMs = performance.now() - t0;
    if (!code) throw new Error(`${set.name} (${tier}): ${diagnostics.find((d) => d.severity === "error")?.message}`);
    if (!code.includes("new rt.TableMatcher(") !== (tier === "code")) throw new Error(`${set.name}: the ${tier} tier was not emitted`);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, code);
    const js = transpile(code);
    const module = outFile.replace(/\.ts$/, ".mjs");
    fs.writeFileSync(module, js);
    byTier[tier] = { module, tsBytes: Buffer.byteLength(code), jsBytes: Buffer.byteLength(js), gzipBytes: gzipSync(js).length, compileMs };
  }
  modules.set(set.name, byTier);
}

function runChild(set, kind, router) {
  const childArgs = ["--expose-gc", path.join(repoRoot, "bench", "match-warmup.mjs"), set.name, kind, router.startsWith("wz:") ? "wz" : router];
  if (router.startsWith("wz:")) childArgs.push("--wz", modules.get(set.name)[router.slice(3)].module);
  const child = spawnSync(process.execPath, childArgs, { encoding: "utf8", maxBuffer: 64 << 20, timeout: 180_000 });
  if (child.status !== 0) return { na: `process failed: ${child.stderr.trim().split("\n").at(-1)}` };
  return JSON.parse(child.stdout.trim().split("\n").at(-1));
}

const scenarios = sets.flatMap((set) =>
  ["hits", "misses"].map((kind) => ({ set, kind, title: `${set.title}: ${kind === "hits" ? "hits" : "misses (404, 405)"}` })),
);
const results = scenarios.map(() => Object.fromEntries(routerNames.map((r) => [r, []])));
for (let round = 0; round < rounds; round++) {
  for (const [s, sc] of scenarios.entries()) {
    process.stderr.write(`tiers round ${round + 1}/${rounds}: ${sc.title} `);
    for (let k = 0; k < routerNames.length; k++) {
      const router = routerNames[(round + k) % routerNames.length];
      const result = runChild(sc.set, sc.kind, router);
      results[s][router].push(result);
      process.stderr.write(result.na ? "x" : ".");
    }
    process.stderr.write("\n");
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmtNs = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : ns >= 100 ? `${ns.toFixed(0)} ns` : `${ns.toFixed(1)} ns`);
const fmtBytes = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} KB`);
const POINTS = ["50 ms", "300 ms", "2 s"];
const summary = scenarios.map((sc, s) => ({
  title: sc.title,
  routers: Object.fromEntries(
    routerNames.map((r) => {
      const rs = results[s][r];
      const na = rs.find((x) => x.na)?.na;
      return [r, na ? { na } : { first: median(rs.map((x) => x.first)), points: POINTS.map((_, p) => median(rs.map((x) => x.points[p]))) }];
    }),
  ),
}));

let md = `## The matcher's two tiers: ns per lookup after 50 ms, 300 ms and 2 s of CPU (fresh process per router and scenario, ${rounds} rounds)\n\n`;
md += `| scenario | router | first pass | 50 ms | 300 ms | 2 s |\n|---|---|--:|--:|--:|--:|\n`;
for (const row of summary) {
  for (const [router, r] of Object.entries(row.routers)) {
    const cells = r.na ? [r.na, "", "", ""] : [fmtNs(r.first), ...r.points.map(fmtNs)];
    md += `| ${row.title} | ${router.replace(/^wz:(.*)$/, "wz, $1 tier")} | ${cells.join(" | ")} |\n`;
  }
}
md += `\nFirst pass: ns per lookup over the first pass of the scenario's lookups (nothing compiled yet). Cells: median over rounds.\n`;
md += `\n### Generated module per tier\n\n| set | tier | generated TS | as JS | JS gzip | emit (ms) |\n|---|---|--:|--:|--:|--:|\n`;
for (const set of sets) {
  for (const tier of TIERS) {
    const m = modules.get(set.name)[tier];
    md += `| ${set.title} | ${tier} | ${fmtBytes(m.tsBytes)} | ${fmtBytes(m.jsBytes)} | ${fmtBytes(m.gzipBytes)} | ${m.compileMs.toFixed(0)} |\n`;
  }
}
md += `\n### Environment\n\n${run.finish()}\n`;
const resultsDir = path.join(repoRoot, "bench", "results");
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, "match-tiers.md"), md);
fs.writeFileSync(
  path.join(resultsDir, "match-tiers.json"),
  JSON.stringify({ ...run.fields(), rounds, summary, modules: Object.fromEntries(modules) }, null, 2) + "\n",
);
process.stdout.write(md);
