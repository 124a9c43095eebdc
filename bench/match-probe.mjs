// Diagnostic, not a bench part: what each lookup of a set costs on its own, wz against
// find-my-way compile() ("fmw-c") on the same path, after the whole scenario has warmed both up in one
// process. For finding where a scenario's time goes (which 404s or 405s cost most), and for
// comparing two builds of wz side by side. Prints to stdout; writes no results file.
//
//   node bench/match.mjs --rounds 0 --no-compile && git checkout bench/results   (writes bench/.out/gen/<set>/)
//   node bench/match-probe.mjs <set> [--each] [--other <another checkout with its own bench/.out/gen>]
//
// Each figure: 200 lookups on fresh strings, timed as one batch, the 20th percentile of 25
// batches (a loaded machine slows some batches; few are sped up). With --other, the two builds
// alternate which is timed first: the build measured second in a round tends to come out slower.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadSets } from "./sets.mjs";
import { peers } from "./routers.mjs";
import { repoRoot } from "../fixtures/neutral.mjs";

const args = process.argv.slice(2);
const setName = args[0];
const other = args.includes("--other") ? args[args.indexOf("--other") + 1] : null;
const [set] = loadSets({ outDir: path.join(repoRoot, "bench", ".out"), names: [setName] });
if (!set) throw new Error(`unknown set ${setName}`);

const adapterOf = async (root) =>
  (await import(pathToFileURL(path.join(root, "bench", ".out", "gen", setName, "routes.gen.mjs")).href)).default.bind("localhost");
const fmw = peers.find((p) => p.name === "find-my-way compile()").build(set.routes);
const routers = { wz: await adapterOf(repoRoot) };
if (other) routers.other = await adapterOf(path.resolve(other));
// One loop per router, so each call site sees one router only.
const loopFor = (call) =>
  new Function("call", "methods", "paths", "let h = 0; for (let i = 0; i < paths.length; i++) if (call(paths[i], methods[i]) != null) h++; return h;").bind(
    null,
    call,
  );
const loops = Object.fromEntries(Object.entries(routers).map(([name, adapter]) => [name, loopFor((p, m) => adapter.lookup(p, m))]));
loops["fmw-c"] = loopFor((p, m) => fmw.lookup(m, p));
const names = Object.keys(loops);

const BATCH = 200;
function time(name, lookups) {
  const text = Buffer.from(lookups.map((l) => l.path).join(""), "latin1");
  const offsets = [0];
  for (const l of lookups) offsets.push(offsets.at(-1) + l.path.length);
  const paths = new Array(BATCH),
    methods = new Array(BATCH);
  for (let i = 0; i < BATCH; i++) {
    const j = i % lookups.length;
    paths[i] = text.latin1Slice(offsets[j], offsets[j + 1]);
    methods[i] = lookups[j].method;
  }
  const t0 = process.hrtime.bigint();
  loops[name](methods, paths);
  return Number(process.hrtime.bigint() - t0) / BATCH;
}
const low = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 5)];
function measure(lookups, batches = 25) {
  const xs = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < batches; r++) for (const name of r % 2 ? [...names].reverse() : names) xs[name].push(time(name, lookups));
  return names.map((n) => low(xs[n]));
}

const t0 = Date.now();
while (Date.now() - t0 < 2500) {
  for (const name of names) {
    time(name, set.misses);
    time(name, set.lookups);
  }
}

const cells = (xs) => xs.map((x) => x.toFixed(1).padStart(8)).join("");
console.log(`${setName}: ns per lookup${" ".repeat(40)}${names.map((n) => n.padStart(8)).join("")}`);
if (args.includes("--each")) {
  const seen = new Set();
  for (const l of [...set.misses, ...set.lookups]) {
    const key = `${l.status ?? 200} ${l.method} ${l.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    console.log(`${key.slice(0, 52).padEnd(54)}${cells(measure([l]))}`);
  }
}
console.log(`${"all misses (404, 405)".padEnd(54)}${cells(measure(set.misses))}`);
console.log(`${"all hits".padEnd(54)}${cells(measure(set.lookups))}`);
