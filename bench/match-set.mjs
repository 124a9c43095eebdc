// One route set of the match benchmark, in its own process (so no router's JIT feedback is shaped
// by another set): build every router, check all its answers, then time them in interleaved rounds.
// Prints one JSON object. Run by bench/match.mjs:
//   node --expose-gc bench/match-set.mjs <set> [--wz <generated module .mjs>] [--rounds N]
import { performance } from "node:perf_hooks";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadSets } from "./sets.mjs";
import { peers, wzRouter } from "./routers.mjs";
import { repoRoot } from "../fixtures/neutral.mjs";

const args = process.argv.slice(2);
const setName = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const rounds = Number(option("--rounds", 40));
const wzModule = option("--wz", null);
const wzMissing = option("--wz-missing", "compiler not available");
const outDir = path.join(repoRoot, "bench", ".out");

const [set] = loadSets({ outDir, names: [setName] });
if (!set) throw new Error(`unknown set ${setName}`);

// Every lookup gets a new sequential string, as a server gets a new req.url from the HTTP parser:
// reusing one literal would let V8's caches keyed on the string object (hash, internalization,
// the split cache) hide costs real traffic pays. Buffer#latin1Slice makes exactly such a string.
const lookups = set.lookups;
const text = Buffer.from(lookups.map((l) => l.path).join(""), "latin1");
const offsets = [0];
for (const l of lookups) offsets.push(offsets.at(-1) + l.path.length);
const methodOf = lookups.map((l) => l.method);

function freshPaths(n) {
  const paths = new Array(n);
  for (let i = 0, j = 0; i < n; i++, j = j + 1 === lookups.length ? 0 : j + 1) paths[i] = text.latin1Slice(offsets[j], offsets[j + 1]);
  return paths;
}
const methodsCache = new Map();
function methodsFor(n) {
  if (!methodsCache.has(n)) methodsCache.set(n, Array.from({ length: n }, (_, i) => methodOf[i % lookups.length]));
  return methodsCache.get(n);
}

// Each router gets its own copy of the loop (new Function), so the call site inside stays
// monomorphic and no router pays for another's feedback. The sink keeps results alive.
function makeLoop() {
  return new Function(
    "lookup", "methods", "paths",
    `let hits = 0, last = null;
     for (let i = 0; i < paths.length; i++) {
       const r = lookup(methods[i], paths[i]);
       if (r !== null && r !== undefined) { hits++; last = r; }
     }
     return last === null ? -hits : hits;`,
  );
}

const sameParams = (got, want) => {
  const g = Object.keys(got ?? {}).sort(), w = Object.keys(want).sort();
  return JSON.stringify(g) === JSON.stringify(w) && w.every((k) => String(got[k]) === want[k]);
};

function check(router) {
  for (const [i, l] of lookups.entries()) {
    let got;
    try {
      got = router.answer(router.lookup(l.method, text.latin1Slice(offsets[i], offsets[i + 1])));
    } catch (e) {
      return `${l.method} ${l.path} threw ${String(e.message).split("\n")[0]}`;
    }
    const ok = l.endpoint === null ? got === null : got !== null && got.endpoint === l.endpoint && sameParams(got.params, l.params);
    if (!ok) return `${l.method} ${l.path} gave ${JSON.stringify(got)}, want ${l.endpoint === null ? "no match" : JSON.stringify({ endpoint: l.endpoint, params: l.params })}`;
  }
  return null;
}

const candidates = [...peers];
let wzBuild = null;
if (wzModule) {
  try {
    wzBuild = wzRouter(await import(pathToFileURL(wzModule).href));
  } catch (e) {
    wzBuild = () => {
      throw new Error(`generated module did not load: ${String(e.message).split("\n")[0]}`);
    };
  }
}
candidates.unshift({ name: "wz", build: wzBuild ?? (() => { throw new Error(wzMissing); }) });

const results = [];
const live = [];
for (const c of candidates) {
  const result = { name: c.name, ns: null, samples: [], setupMs: null, na: null };
  results.push(result);
  let router;
  const t0 = performance.now();
  try {
    router = c.build(set.routes);
    // Routers that compile lazily do it on the first lookup: count that as setup too.
    router.lookup(lookups[0].method, lookups[0].path);
  } catch (e) {
    const kind = e?.constructor?.name && e.constructor.name !== "Error" ? `${e.constructor.name}: ` : "";
    result.na = `cannot hold the set: ${kind}${String(e?.message ?? e).split("\n")[0]}`;
    continue;
  }
  result.setupMs = performance.now() - t0;
  const wrong = check(router);
  if (wrong) {
    result.na = `wrong answer: ${wrong}`;
    continue;
  }
  live.push({ result, lookup: router.lookup, loop: makeLoop(), perSample: 0 });
}

// Warm-up; it also sizes each router's sample to about SAMPLE_NS of work, a whole number of
// passes over the lookups.
const SAMPLE_NS = 3e6;
const time = (r, n) => {
  const paths = freshPaths(n);
  const methods = methodsFor(n);
  globalThis.gc?.({ type: "minor" });
  const t0 = process.hrtime.bigint();
  r.loop(r.lookup, methods, paths);
  return Number(process.hrtime.bigint() - t0) / n;
};
for (const r of live) {
  let best = Infinity;
  // A long warm-up first, the same for every router: code generated per route table (wz,
  // find-my-way's compile(), rou3's compileRouter) reaches V8's optimized tier only after many
  // calls, and a server runs long past that point; short samples would time the interpreter.
  for (let i = 0; i < 4; i++) time(r, 50000);
  for (let i = 0; i < 5; i++) best = Math.min(best, time(r, Math.max(lookups.length, 2000)));
  const passes = Math.max(1, Math.min(Math.round(SAMPLE_NS / best / lookups.length), Math.ceil(200000 / lookups.length)));
  r.perSample = passes * lookups.length;
  r.result.perSample = r.perSample;
}
// Rounds: each runs every router once, starting at a different one, so a burst of load from the
// rest of the machine hits all of them alike. The per-round ratio to the round's fastest peer is
// kept too: its median survives load drifts that move every router's time.
const peerNames = new Set(peers.map((p) => p.name));
const ratios = new Map(live.map((r) => [r, []]));
for (let round = 0; round < rounds; round++) {
  const times = new Map();
  for (let k = 0; k < live.length; k++) {
    const r = live[(round + k) % live.length];
    const ns = time(r, r.perSample);
    r.result.samples.push(ns);
    times.set(r, ns);
  }
  const fastestPeer = Math.min(...live.filter((r) => peerNames.has(r.result.name)).map((r) => times.get(r)));
  for (const r of live) ratios.get(r).push(times.get(r) / fastestPeer);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
for (const r of live) {
  r.result.ns = median(r.result.samples);
  r.result.p10 = quantile(r.result.samples, 0.1);
  r.result.ratio = median(ratios.get(r));
  r.result.samples = r.result.samples.map((x) => Math.round(x * 10) / 10);
}

process.stdout.write(JSON.stringify({ set: set.name, title: set.title, routes: set.routes.length, lookups: lookups.length, rounds, results }) + "\n");
