// bench part: the compile loop: cold wz-compile on 1k/10k routes, watch save -> file on disk, tsc on the 10k module with 200 urlFor calls
//
//   node bench/compile.mjs [--rounds N] [--against DIR]     (default 5 rounds)
//
// --against DIR: also run the cold compiles with another build's CLI (DIR/dist/compiler/cli.js,
// e.g. an older commit built in a scratch directory), interleaved with this one's.
// Tables from fixtures/generated/gen.mjs (seed 1). Every figure is the median of N interleaved
// rounds (1k and 10k alternate within a round), wall time from the outside plus the CPU time the
// child reports, so a loaded machine shows up as wall >> CPU instead of silently inflating the
// figure. Also a profile of one save (where the time of a watch recompile goes) and of one cold
// compile, stage by stage. Results: bench/results/compile.md and compile.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../fixtures/neutral.mjs";
import { writeGenerated } from "../fixtures/generated/gen.mjs";

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 5);
const against = args.includes("--against") ? path.resolve(args[args.indexOf("--against") + 1]) : undefined;
const work = path.join(repoRoot, ".wz-tmp", "bench-compile");
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const dist = (p) => pathToFileURL(path.join(repoRoot, "dist", p)).href;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round0 = (x) => Math.round(x);
const SIZES = [1000, 10000];
const label = (n) => `${n / 1000}k`;

const files = {};
for (const size of SIZES) {
  const { routesFile } = writeGenerated(work, size, 1);
  files[size] = routesFile;
}

// --- cold CLI ------------------------------------------------------------------------------------
// A new node process runs the CLI's main() and reports its own CPU time on stdout's last line.
function coldRun(size, cli = dist("compiler/cli.js")) {
  const script = `import { main } from ${JSON.stringify(cli)};
const status = await main([${JSON.stringify(files[size])}, "-o", ${JSON.stringify(path.join(work, `cold-${size}.gen.ts`))}]);
if (status !== 0) process.exit(status);
const u = process.cpuUsage(); console.log(JSON.stringify({ cpu: (u.user + u.system) / 1000 }));`;
  fs.rmSync(path.join(work, `cold-${size}.gen.ts`), { force: true });
  const started = performance.now();
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: work, encoding: "utf8" });
  const wall = performance.now() - started;
  return { wall, cpu: JSON.parse(out.trim().split("\n").pop()).cpu };
}

// --- watch: save -> file on disk -----------------------------------------------------------------
// `wz-compile --watch` in its own process per size; the bench edits one rule (a new path each
// save, so the output changes) and polls the output's modification time.
function startWatch(size) {
  const outFile = path.join(work, `watch-${size}.gen.ts`);
  const child = spawn(process.execPath, [path.join(repoRoot, "bin", "wz-compile.js"), files[size], "-o", outFile, "--watch", "--json"], {
    cwd: work,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const results = [];
  let buffered = "";
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf("\n")) !== -1) {
      results.push(JSON.parse(buffered.slice(0, nl)));
      buffered = buffered.slice(nl + 1);
    }
  });
  const original = fs.readFileSync(files[size], "utf8");
  return { size, child, outFile, results, original, saves: 0 };
}

const until = async (condition, what, limitMs = 60_000) => {
  const deadline = performance.now() + limitMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`bench compile: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
};

async function save(watch) {
  const stamp = () => {
    try {
      return fs.statSync(watch.outFile).mtimeMs;
    } catch {
      return -1;
    }
  };
  const before = stamp();
  const seen = watch.results.length;
  watch.saves++;
  // The 500th rule's path gets a new first segment: its matcher state, rule-table row and
  // builder change; the rest of the table does not.
  let line = 0;
  const text = watch.original.replace(/rule\("\//g, (m) => (++line === 500 ? `rule("/edited${watch.saves}/` : m));
  const started = performance.now();
  fs.writeFileSync(files[watch.size], text);
  await until(() => stamp() !== before, `the ${label(watch.size)} output to change`);
  const wall = performance.now() - started;
  await until(() => watch.results.length > seen, "the watcher's report");
  return wall;
}

// --- tsc on the 10k module -----------------------------------------------------------------------
async function tscProject() {
  const dir = path.join(work, "tsc");
  fs.mkdirSync(dir, { recursive: true });
  const { compileRoutes } = await import(dist("compiler/index.js"));
  const { code } = await compileRoutes({ file: files[10000], outFile: path.join(dir, "routes.gen.ts") });
  fs.writeFileSync(path.join(dir, "routes.gen.ts"), code);
  // 200 calls spread over the table, each with the values its endpoint needs.
  const declared = code.slice(code.indexOf("export interface RouteParams {"), code.indexOf("export interface MatchParams {"));
  // Entries name shared aliases (`export type Params_id = { id: number };`): read through them.
  const aliases = new Map([...code.matchAll(/^export type (Params_\w+) = (.*);$/gm)].map((m) => [m[1], m[2]]));
  const params = [...declared.matchAll(/^ {2}("[^"]+"): (.*);$/gm)].map(([line, endpoint, type]) => [line, endpoint, aliases.get(type) ?? type]);
  const calls = [];
  for (let i = 0; i < 200; i++) {
    const [, endpoint, type] = params[Math.floor((i * params.length) / 200)];
    const fields =
      type === "NoParams"
        ? []
        : [...type.split(" | ")[0].matchAll(/(\w+): (number|string)/g)].map((m) => `${m[1]}: ${m[2] === "number" ? i : JSON.stringify(`v${i}`)}`);
    calls.push(`export const url${i} = urlFor(${endpoint}${fields.length ? `, { ${fields.join(", ")} }` : ""});`);
  }
  fs.writeFileSync(path.join(dir, "app.ts"), `import { urlFor } from "./routes.gen.js";\n${calls.join("\n")}\n`);
  // The same 200 calls against a module that declares urlFor alone: tsc's fixed cost (lib files, wz/routing).
  fs.writeFileSync(path.join(dir, "baseline.ts"), `declare function urlFor(endpoint: string, params?: object): string;\n${calls.join("\n")}\n`);
  const config = (file) => ({
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
    files: [file],
  });
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config("app.ts")));
  fs.writeFileSync(path.join(dir, "tsconfig.baseline.json"), JSON.stringify(config("baseline.ts")));
  return dir;
}

function tscRun(dir, project) {
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const started = performance.now();
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(dir, project), "--extendedDiagnostics"], { encoding: "utf8" });
  const wall = performance.now() - started;
  if (run.status !== 0) throw new Error(`tsc failed:\n${run.stdout}${run.stderr}`);
  const seconds = (name) => Number(new RegExp(`${name} time:\\s+([\\d.]+)s`).exec(run.stdout)?.[1] ?? NaN) * 1000;
  return { wall, parse: seconds("Parse"), bind: seconds("Bind"), check: seconds("Check"), total: seconds("Total") };
}

// --- profiles ------------------------------------------------------------------------------------
// Stage by stage, each in a fresh process: a first (cold) compile, and one save with watch mode's
// caches (analysis and per-endpoint pieces kept, output in memory), on the modules the CLI runs.
async function profiles() {
  const profile = {};
  for (const size of SIZES) {
    const script = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const out = []; let w = performance.now(), c = cpu();
const lap = (stage) => { const nw = performance.now(), nc = cpu(); out.push({ stage, wall: nw - w, cpu: nc - c }); w = nw; c = nc; };
out.push({ stage: "node start", wall: performance.now(), cpu: cpu() }); w = performance.now(); c = cpu();
const fs = await import("node:fs");
const { readLiteralRoutes } = await import(${JSON.stringify(dist("compiler/read-literal.js"))});
const { analyseRoutes } = await import(${JSON.stringify(dist("compiler/analyse.js"))});
const { buildTree } = await import(${JSON.stringify(dist("compiler/tree.js"))});
const { emitModule } = await import(${JSON.stringify(dist("compiler/emit/index.js"))});
lap("import the compiler");
const text = fs.readFileSync(${JSON.stringify(files[size])}, "utf8");
const source = readLiteralRoutes(${JSON.stringify(files[size])}, text);
lap("read (literal reader)");
const { table } = analyseRoutes(source);
lap("analyse");
buildTree(table.rules);
lap("trie (also built inside emit)");
const code = emitModule(table, { outFile: ${JSON.stringify(path.join(work, "profile.gen.ts"))} });
lap("emit");
fs.writeFileSync(${JSON.stringify(path.join(work, "profile.gen.ts"))}, code);
lap("write");
console.log(JSON.stringify(out));`;
    profile[`cold ${label(size)}`] = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim());
  }
  // One save in a fresh process, as a watcher's: warmed by its first compile and three saves.
  for (const size of SIZES) {
    const script = `
const fs = await import("node:fs");
const { readLiteralRoutes } = await import(${JSON.stringify(dist("compiler/read-literal.js"))});
const { analyseRoutes } = await import(${JSON.stringify(dist("compiler/analyse.js"))});
const { emitModule } = await import(${JSON.stringify(dist("compiler/emit/index.js"))});
const { newCompileCaches } = await import(${JSON.stringify(dist("compiler/compile.js"))});
const { writeIfChanged } = await import(${JSON.stringify(dist("compiler/compile-routes.js"))});
const file = ${JSON.stringify(files[size])};
const outFile = ${JSON.stringify(path.join(work, `save-${size}.gen.ts`))};
const original = fs.readFileSync(file, "utf8");
const caches = newCompileCaches();
const memo = {};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const out = [];
let w = 0, c = 0;
const lap = (stage) => { const nw = performance.now(), nc = cpu(); out.push({ stage, wall: nw - w, cpu: nc - c }); w = nw; c = nc; };
const compile = async (text, measure) => {
  const mark = measure ? lap : () => {};
  w = performance.now(); c = cpu();
  const source = readLiteralRoutes(file, text);
  mark("read (literal reader)");
  const { table } = analyseRoutes(source, caches.analysis);
  mark("analyse (cached rules reused)");
  const code = emitModule(table, { outFile, cache: caches.emit });
  mark("emit (trie included; rule rows, convert bodies and types of unchanged rules reused)");
  await writeIfChanged(outFile, code, memo);
  mark("write");
};
await compile(original, false);
for (let k = 0; k < 3; k++) await compile(original.replace('rule("/', \`rule("/warm\${k}/\`), false);
const middle = original.indexOf('rule("/', original.length >> 1);
await compile(original.slice(0, middle) + 'rule("/profiled/' + original.slice(middle + 'rule("/'.length), true);
console.log(JSON.stringify(out));`;
    profile[`save ${label(size)}`] = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim());
  }
  return profile;
}

// --- run -----------------------------------------------------------------------------------------
const cold = Object.fromEntries(SIZES.map((s) => [s, []]));
const watchTimes = Object.fromEntries(SIZES.map((s) => [s, []]));
const tscTimes = { app: [], baseline: [] };

console.error(`compile bench: ${rounds} rounds`);
const coldAgainst = Object.fromEntries(SIZES.map((s) => [s, []]));
const againstCli = against === undefined ? undefined : pathToFileURL(path.join(against, "dist", "compiler", "cli.js")).href;
for (let round = 0; round < rounds; round++) {
  for (const size of round % 2 ? [...SIZES].reverse() : SIZES) {
    cold[size].push(coldRun(size));
    if (againstCli !== undefined) coldAgainst[size].push(coldRun(size, againstCli));
  }
}

const watches = SIZES.map(startWatch);
try {
  for (const w of watches) await until(() => w.results.length > 0, `the first ${label(w.size)} watch compile`);
  for (const w of watches) await save(w); // warm-up save, not counted
  for (let round = 0; round < rounds; round++) {
    for (const w of round % 2 ? [...watches].reverse() : watches) watchTimes[w.size].push(await save(w));
  }
} finally {
  for (const w of watches) {
    w.child.kill("SIGTERM");
    fs.writeFileSync(files[w.size], w.original);
  }
}

const tscDir = await tscProject();
for (let round = 0; round < Math.min(rounds, 3); round++) {
  tscTimes.app.push(tscRun(tscDir, "tsconfig.json"));
  tscTimes.baseline.push(tscRun(tscDir, "tsconfig.baseline.json"));
}
const profile = await profiles();

// --- report --------------------------------------------------------------------------------------
function commitOf(dir) {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}
const commit = commitOf(repoRoot);
const load = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(" / ");
const med = (runs, field) => median(runs.map((r) => r[field]));
const targets = { cold1k: 600, cold10k: 1200, watch1k: 80, watch10k: 400, tsc: 3000 };
const verdict = (value, target) => (value < target ? "met" : "not met");
const rows = [
  ["cold `wz-compile`, 1k routes (new process)", med(cold[1000], "wall"), med(cold[1000], "cpu"), targets.cold1k],
  ["cold `wz-compile`, 10k routes (new process)", med(cold[10000], "wall"), med(cold[10000], "cpu"), targets.cold10k],
  ...(against === undefined
    ? []
    : SIZES.map((size) => [
        `cold, the build in ${path.basename(against)}${commitOf(against) ? ` (${commitOf(against)})` : ""}, ${label(size)} routes`,
        med(coldAgainst[size], "wall"),
        med(coldAgainst[size], "cpu"),
        NaN,
      ])),
  ["watch: save -> file on disk, 1k routes", median(watchTimes[1000]), NaN, targets.watch1k],
  ["watch: save -> file on disk, 10k routes", median(watchTimes[10000]), NaN, targets.watch10k],
  ["`tsc --noEmit`, 10k-route module + 200 urlFor calls", med(tscTimes.app, "wall"), NaN, targets.tsc],
  ["`tsc --noEmit`, the same 200 calls without the module (fixed cost)", med(tscTimes.baseline, "wall"), NaN, NaN],
];
const fmt = (x) => (Number.isNaN(x) ? "—" : `${round0(x)} ms`);
const lines = [
  `## The compile loop (median of ${rounds} interleaved rounds; tsc: ${tscTimes.app.length})`,
  ``,
  // The sections let README quote the table alone (bench/report.mjs, `compile.md#summary`).
  `<!-- section: summary -->`,
  `| | wall | CPU | target | |`,
  `|---|--:|--:|--:|---|`,
  ...rows.map(
    ([what, wall, c, target]) =>
      `| ${what} | ${fmt(wall)} | ${fmt(c)} | ${Number.isNaN(target) ? "" : `< ${target} ms`} | ${Number.isNaN(target) ? "" : verdict(wall, target)} |`,
  ),
  ``,
  `<!-- section: details -->`,
  `All runs: cold 1k ${cold[1000].map((r) => round0(r.wall)).join(", ")} ms; cold 10k ${cold[10000].map((r) => round0(r.wall)).join(", ")} ms; ` +
    `save 1k ${watchTimes[1000].map(round0).join(", ")} ms; save 10k ${watchTimes[10000].map(round0).join(", ")} ms.`,
  `tsc phases (median, from --extendedDiagnostics), module + calls: parse ${fmt(med(tscTimes.app, "parse"))}, bind ${fmt(med(tscTimes.app, "bind"))}, check ${fmt(med(tscTimes.app, "check"))}; ` +
    `without the module: parse ${fmt(med(tscTimes.baseline, "parse"))}, bind ${fmt(med(tscTimes.baseline, "bind"))}, check ${fmt(med(tscTimes.baseline, "check"))}.`,
  ``,
  `A save edits the path of the 500th rule (a new first segment each time); save -> file is from the write to the output's new modification time, with \`wz-compile --watch\` in its own process (10 ms debounce included).`,
  ``,
  `### Profiles (one run each; wall / CPU in ms)`,
  ``,
  ...Object.entries(profile).flatMap(([name, stagesOf]) => [
    `**${name}**: ` +
      stagesOf.map((s) => `${s.stage} ${round0(s.wall)} / ${round0(s.cpu)}`).join("; ") +
      ` — total ${round0(stagesOf.reduce((a, s) => a + s.wall, 0))} / ${round0(stagesOf.reduce((a, s) => a + s.cpu, 0))}`,
    ``,
  ]),
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, load average at the end ${load}; commit ${commit}; ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
];
const text = lines.join("\n") + "\n";
console.log(text);
fs.mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(repoRoot, "bench", "results", "compile.md"), text);
fs.writeFileSync(
  path.join(repoRoot, "bench", "results", "compile.json"),
  JSON.stringify(
    { date: new Date().toISOString(), commit, load: os.loadavg(), rounds, cold, coldAgainst, watch: watchTimes, tsc: tscTimes, profile },
    null,
    2,
  ) + "\n",
);
fs.rmSync(work, { recursive: true, force: true });
