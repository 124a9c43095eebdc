// One router on one scenario of the match benchmark, in a fresh process (no other router's JIT
// feedback, nothing compiled yet): build it, check every answer, then run the scenario's lookups
// without pause and time them when 50 ms, 300 ms and 2 s have been spent in lookups (a server's
// first requests, its first second, and later; CPU time, see below). Prints one JSON line. Run by bench/match.mjs:
//   node --expose-gc bench/match-warmup.mjs <set> <hits|misses|notfound|outcomes> <router> [--wz <module.mjs>]
// "notfound": the misses that are 404s. "outcomes" (wz only): 404, 405 and redirect lookups interleaved after 2 s, to compare their costs.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadSets } from "./sets.mjs";
import { peers, wzRouter } from "./routers.mjs";
import { repoRoot } from "../fixtures/neutral.mjs";

const [setName, scenario, routerName, ...rest] = process.argv.slice(2);
const wzModule = rest[rest.indexOf("--wz") + 1];
const outDir = path.join(repoRoot, "bench", ".out");
const [set] = loadSets({ outDir, names: [setName] });
if (!set) throw new Error(`unknown set ${setName}`);

/** Warm-up points: ns spent in lookups. */
const POINTS = [50e6, 300e6, 2e9];

const say = (result) => process.stdout.write(JSON.stringify({ set: setName, scenario, router: routerName, ...result }) + "\n");

let build;
if (routerName === "wz") {
  if (!wzModule) throw new Error("wz needs --wz <generated module>");
  build = wzRouter(await import(pathToFileURL(wzModule).href));
} else {
  build = peers.find((p) => p.name === routerName)?.build;
  if (!build) throw new Error(`unknown router ${routerName}`);
}

let router;
try {
  router = build(set.routes);
} catch (e) {
  const kind = e?.constructor?.name && e.constructor.name !== "Error" ? `${e.constructor.name}: ` : "";
  say({ na: `cannot hold the set: ${kind}${String(e?.message ?? e).split("\n")[0]}` });
  process.exit(0);
}

/** Fresh strings, as a server gets a new req.url from the HTTP parser per request. */
function freshSource(lookups) {
  const text = Buffer.from(lookups.map((l) => l.path).join(""), "latin1");
  const offsets = [0];
  for (const l of lookups) offsets.push(offsets.at(-1) + l.path.length);
  const size = Math.max(lookups.length, Math.ceil(200 / lookups.length) * lookups.length);
  const methods = Array.from({ length: size }, (_, i) => lookups[i % lookups.length].method);
  return {
    size,
    methods,
    paths: () => {
      const paths = new Array(size);
      for (let i = 0; i < size; i++) {
        const j = i % lookups.length;
        paths[i] = text.latin1Slice(offsets[j], offsets[j + 1]);
      }
      return paths;
    },
  };
}

const sameParams = (got, want) => {
  const g = Object.keys(got ?? {}).sort(),
    w = Object.keys(want).sort();
  return JSON.stringify(g) === JSON.stringify(w) && w.every((k) => String(got[k]) === want[k]);
};

function check(lookups) {
  for (const l of lookups) {
    let result;
    try {
      result = router.lookup(l.method, Buffer.from(l.path, "latin1").latin1Slice());
    } catch (e) {
      return `${l.method} ${l.path} threw ${String(e.message).split("\n")[0]}`;
    }
    const got = router.answer(result);
    const ok = l.endpoint === null ? got === null : got !== null && got.endpoint === l.endpoint && sameParams(got.params, l.params);
    if (!ok)
      return `${l.method} ${l.path} gave ${JSON.stringify(got)}, want ${l.endpoint === null ? "no match" : JSON.stringify({ endpoint: l.endpoint, params: l.params })}`;
    if (router.status && l.status && router.status(result) !== l.status) return `${l.method} ${l.path} gave status ${router.status(result)}, want ${l.status}`;
  }
  return null;
}

// The loop is made per process, so its call site sees one router only.
const loop = new Function(
  "lookup",
  "methods",
  "paths",
  `let hits = 0, last = null;
   for (let i = 0; i < paths.length; i++) {
     const r = lookup(methods[i], paths[i]);
     if (r !== null && r !== undefined) { hits++; last = r; }
   }
   return last === null ? -hits : hits;`,
);

// The warm-up clock is the process's CPU time (user + system, V8's compiler threads included)
// since the router was built: on a loaded machine wall time would also count other processes.
// Lookups are timed by the wall clock, in short chunks (see sample).
const cpu0 = process.cpuUsage();
const spentNs = () => {
  const { user, system } = process.cpuUsage(cpu0);
  return (user + system) * 1000;
};
function batch(source) {
  const paths = source.paths();
  const t0 = process.hrtime.bigint();
  loop(router.lookup, source.methods, paths);
  return Number(process.hrtime.bigint() - t0) / source.size;
}

/**
 * ns per lookup at this point: PASSES passes over the lookups in chunks of CHUNK, each chunk's
 * fastest pass kept. On a loaded machine a chunk is short enough to run unpreempted in most
 * passes, where a whole pass over 1,000 slow lookups rarely would.
 */
const PASSES = 7,
  CHUNK = 50;
function sample(source) {
  const chunks = Math.ceil(source.size / CHUNK);
  const best = new Array(chunks).fill(Infinity);
  for (let pass = 0; pass < PASSES; pass++) {
    const paths = source.paths();
    for (let c = 0; c < chunks; c++) {
      const from = c * CHUNK,
        to = Math.min(source.size, from + CHUNK);
      const chunkPaths = paths.slice(from, to),
        chunkMethods = source.methods.slice(from, to);
      const t0 = process.hrtime.bigint();
      loop(router.lookup, chunkMethods, chunkPaths);
      best[c] = Math.min(best[c], Number(process.hrtime.bigint() - t0));
    }
  }
  return best.reduce((a, b) => a + b, 0) / source.size;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

if (scenario === "outcomes") {
  // wz's own outcomes side by side: the same number of lookups of each kind, interleaved.
  const hits = set.lookups.filter((l) => l.endpoint !== null);
  const kinds = {
    404: set.misses.filter((m) => m.status === 404),
    405: set.misses.filter((m) => m.status === 405),
    "308 (merge slashes)": hits
      .filter((l) => l.path.lastIndexOf("/") > 0)
      .slice(0, 20)
      .map((l) => {
        const at = l.path.lastIndexOf("/");
        return { method: l.method, path: l.path.slice(0, at) + "/" + l.path.slice(at), endpoint: null, params: null, status: 308 };
      }),
  };
  const sources = Object.entries(kinds).map(([kind, lookups]) => {
    const wrong = check(lookups);
    if (wrong) throw new Error(`${kind}: ${wrong}`);
    return [kind, freshSource(lookups)];
  });
  while (spentNs() < POINTS.at(-1)) for (const [, source] of sources) batch(source);
  const samples = Object.fromEntries(sources.map(([kind]) => [kind, []]));
  for (let r = 0; r < 5; r++) for (const [kind, source] of sources) samples[kind].push(sample(source));
  say({ outcomes: Object.fromEntries(Object.entries(samples).map(([kind, xs]) => [kind, median(xs)])) });
  process.exit(0);
}

const lookups = scenario === "hits" ? set.lookups : scenario === "notfound" ? set.misses.filter((m) => m.status === 404) : set.misses;
const wrong = check(lookups);
if (wrong) {
  say({ na: `wrong answer: ${wrong}` });
  process.exit(0);
}
const source = freshSource(lookups);
const first = batch(source);
const points = [];
for (const point of POINTS) {
  while (spentNs() < point) batch(source);
  points.push(sample(source));
}
say({ first, points, lookups: lookups.length });
