// bench part: URL building, wz's urlFor (generated builders) and general build against path-to-regexp's compile() and a hand-written template literal
//
//   node bench/build.mjs [--rounds N]
//
// The GitHub API fixture compiled through the public API; five endpoints with 0 to 3 parameters,
// each call with a freshly made params object (as `urlFor("x", { id })` in an app makes one).
// Every contender gets its natural call: wz and the template literal take the number as a
// number; path-to-regexp's compile() accepts only strings, so its params object is made with
// the number as a string (as an app using it would hold it), and nothing is copied in the loop.
// Every variant's output is checked equal before timing. Medians of interleaved rounds; ratio to
// the template literal in the same round.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compile as compilePath } from "path-to-regexp";
import { compileRoutes } from "wz/compiler";
import { repoRoot, transpile } from "../fixtures/neutral.mjs";
import { startRun } from "./provenance.mjs";

const run = startRun();

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 25);
const outDir = path.join(repoRoot, "bench", ".out", "build");
fs.mkdirSync(outDir, { recursive: true });

const file = path.join(repoRoot, "fixtures", "github-api", "routes.ts");
const { code, diagnostics } = await compileRoutes({ file });
if (!code) throw new Error(`compile failed: ${diagnostics.map((d) => d.message).join("; ")}`);
const out = path.join(outDir, "routes.gen.mjs");
fs.writeFileSync(out, transpile(code));
const mod = await import(pathToFileURL(out).href);
const adapter = mod.default.bind("localhost");

const enc = encodeURIComponent;
// [endpoint, path-to-regexp pattern, template literal, params maker, params maker with strings only]
const cases = [
  ["users.get", "/users/:user", (p) => `/users/${enc(p.user)}`, (i) => ({ user: `octo${i & 7}` }), (i) => ({ user: `octo${i & 7}` })],
  [
    "repos.issues.get",
    "/repos/:owner/:repo/issues/:number",
    (p) => `/repos/${enc(p.owner)}/${enc(p.repo)}/issues/${p.number}`,
    (i) => ({ owner: "nodejs", repo: `node${i & 3}`, number: i & 1023 }),
    (i) => ({ owner: "nodejs", repo: `node${i & 3}`, number: String(i & 1023) }),
  ],
  ["gists.get", "/gists/:id", (p) => `/gists/${enc(p.id)}`, (i) => ({ id: `a${i & 15}` }), (i) => ({ id: `a${i & 15}` })],
  [
    "orgs.members.get",
    "/orgs/:org/members/:user",
    (p) => `/orgs/${enc(p.org)}/members/${enc(p.user)}`,
    (i) => ({ org: "pallets", user: `dev${i & 7}` }),
    (i) => ({ org: "pallets", user: `dev${i & 7}` }),
  ],
  ["events.list", "/events", () => `/events`, () => ({}), () => ({})],
];

// name -> [builder for a case, params maker for a case]
const variants = {
  "template literal": [(c) => c[2], (c) => c[3]],
  "wz urlFor": [(c) => (p) => mod.urlFor(c[0], p), (c) => c[3]],
  "wz adapter.build": [(c) => (p) => adapter.build(c[0], p), (c) => c[3]],
  "path-to-regexp compile()": [(c) => compilePath(c[1]), (c) => c[4]],
};

// Correctness first: every variant must produce the template literal's URL.
for (const c of cases) {
  for (let i = 0; i < 64; i++) {
    const want = c[2](c[3](i));
    for (const [name, [make, maker]] of Object.entries(variants)) {
      const got = make(c)(maker(c)(i));
      if (got !== want) throw new Error(`${name} built ${got} for ${c[0]}, want ${want}`);
    }
  }
}

let sink = 0;
function makeLoop() {
  // One loop per variant, so each call site stays monomorphic for its own functions.
  return new Function(
    "fns",
    "makers",
    "n",
    `
    let s = 0;
    for (let i = 0; i < n; i++) { const k = i % fns.length; s += fns[k](makers[k](i)).length; }
    return s;`,
  );
}
const live = Object.entries(variants).map(([name, [make, maker]]) => ({ name, fns: cases.map(make), makers: cases.map(maker), loop: makeLoop(), times: [] }));
const N = 200_000;
for (const v of live) for (let w = 0; w < 3; w++) sink += v.loop(v.fns, v.makers, 20_000);
const ratios = new Map(live.map((v) => [v.name, []]));
for (let round = 0; round < rounds; round++) {
  const order = live.map((_, k) => live[(k + round) % live.length]);
  const times = new Map();
  for (const v of order) {
    const t0 = process.hrtime.bigint();
    sink += v.loop(v.fns, v.makers, N);
    times.set(v.name, Number(process.hrtime.bigint() - t0) / N);
  }
  for (const v of live) {
    v.times.push(times.get(v.name));
    ratios.get(v.name).push(times.get(v.name) / times.get("template literal"));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const lines = [
  `## URL building: ns per call (median of ${rounds} interleaved rounds), ratio to a template literal`,
  ``,
  `| variant | ns per call | ratio to template literal |`,
  `|---|--:|--:|`,
  ...live.map((v) => `| ${v.name} | ${median(v.times).toFixed(1)} | ${median(ratios.get(v.name)).toFixed(2)}× |`),
  ``,
  `Five GitHub API endpoints (0 to 3 parameters, strings percent-encoded, ints as digits), a new params object per call, each contender called as an app calls it (path-to-regexp with string values, no copy).`,
  ``,
  run.finish(),
];
const text = lines.join("\n") + "\n";
console.log(text);
fs.mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(repoRoot, "bench", "results", "build.md"), text);
if (sink === 42) console.log("");
