// bench part: import cost of `wz` and `wz/routing`: ms to import in a fresh process, and the files (own, dependencies, built-ins) and source lines each loads; optionally against an earlier commit
//
//   node bench/import-cost.mjs [--rounds N] [--baseline <git ref>]
//
// Each measurement is a new node process that imports one entry through the package's own
// exports (self-reference, as an app would), timing only the `await import()`. With
// --baseline, the runtime of that commit is built into a scratch directory and measured in the
// same run, interleaved with this tree, so the comparison holds on a loaded machine. Medians of
// the rounds; a separate process per entry with a module-load hook counts the files loaded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(option("--rounds", 15));
const baselineRef = option("--baseline", undefined);
const git = (...a) => execFileSync("git", a, { cwd: repoRoot, encoding: "utf8" }).trim();
const specifiers = ["wz", "wz/routing"];

/** The runtime of `ref` built (tsc) into a scratch package directory; reused when present. */
function buildBaseline(ref) {
  const commit = git("rev-parse", "--short", ref);
  const dir = path.join(os.tmpdir(), `wz-import-cost-${commit}`);
  if (fs.existsSync(path.join(dir, "dist", "runtime", "index.js"))) return { commit, dir };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${commit} runtime package.json package-lock.json | tar -x -C ${JSON.stringify(dir)}`], { cwd: repoRoot });
  // Compiled with this tree's TypeScript and types (errors about packages this tree no longer
  // has do not stop the emit), then run on the commit's own production dependencies.
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  const tsconfig = JSON.parse(fs.readFileSync(path.join(repoRoot, "tsconfig.json"), "utf8"));
  tsconfig.include = ["runtime/**/*.ts"];
  tsconfig.compilerOptions.declaration = false;
  tsconfig.compilerOptions.noEmitOnError = false;
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  spawnSync(process.execPath, [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { stdio: "ignore" });
  fs.rmSync(path.join(dir, "node_modules"));
  execFileSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
  return { commit, dir };
}

const trees = [{ name: "this tree", commit: git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain", "runtime") ? "+changes" : ""), dir: repoRoot }];
if (baselineRef) trees.push({ name: "baseline", ...buildBaseline(baselineRef) });
const cases = trees.flatMap((tree) => specifiers.map((specifier) => ({ tree, specifier, times: [] })));

function importOnce({ tree, specifier }) {
  const code = `const t0 = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t0));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: tree.dir, encoding: "utf8" });
  if (child.status !== 0) throw new Error(`importing ${specifier} in ${tree.dir} failed:\n${child.stderr}`);
  return Number(child.stdout);
}

// ES modules are seen by a load hook (it runs in the loader thread and appends each URL to the
// file named by WZ_LOADED); CommonJS modules required inside packages are in require.cache.
const hookFile = path.join(os.tmpdir(), `wz-import-cost-hook-${process.pid}.mjs`);
fs.writeFileSync(
  hookFile,
  `import fs from "node:fs";
export async function load(url, context, next) { fs.appendFileSync(process.env.WZ_LOADED, url + "\\n"); return next(url, context); }
`,
);
const register = `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hookFile).href)});`;

function loadedFiles({ tree, specifier }) {
  const list = path.join(os.tmpdir(), `wz-import-cost-${process.pid}.txt`);
  fs.writeFileSync(list, "");
  const code = `import { createRequire } from "node:module"; await import(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const child = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", code], {
    cwd: tree.dir,
    encoding: "utf8",
    env: { ...process.env, WZ_LOADED: list },
  });
  if (child.status !== 0) throw new Error(`importing ${specifier} failed:\n${child.stderr}`);
  const required = JSON.parse(child.stdout).map((file) => pathToFileURL(file).href);
  const urls = [...new Set([...fs.readFileSync(list, "utf8").split("\n"), ...required].filter((u) => u && !u.startsWith("data:")))];
  fs.rmSync(list);
  const own = urls.filter((u) => u.startsWith("file:") && !u.includes("/node_modules/")).map((u) => fs.realpathSync(fileURLToPath(u)));
  const deps = urls.filter((u) => u.includes("/node_modules/"));
  const packageOf = (u) => {
    const parts = u.split("/node_modules/").at(-1).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  };
  // Lines of the TypeScript sources behind the loaded dist files (what a reader of wz sees).
  const sourceLines = own.reduce((n, file) => {
    const source = path.join(tree.dir, path.relative(path.join(tree.dir, "dist"), file)).replace(/\.js$/, ".ts");
    return n + (fs.existsSync(source) ? fs.readFileSync(source, "utf8").split("\n").length - 1 : 0);
  }, 0);
  return {
    own: own.length,
    sourceLines,
    deps: deps.length,
    packages: [...new Set(deps.map(packageOf))].sort(),
    builtins: urls.filter((u) => u.startsWith("node:")).length,
  };
}

for (const c of cases) importOnce(c); // warm the file system cache
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < cases.length; k++) {
    const c = cases[(k + round) % cases.length];
    c.times.push(importOnce(c));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// Ratio to the baseline: the median of per-round ratios (both measured in the same round).
const ratioOf = (c) => {
  const base = cases.find((b) => b.tree.name === "baseline" && b.specifier === c.specifier);
  return base === undefined || base === c ? undefined : median(c.times.map((t, i) => t / base.times[i]));
};
const results = cases.map((c) => ({
  tree: c.tree.name,
  commit: c.tree.commit,
  entry: c.specifier,
  ms: Number(median(c.times).toFixed(1)),
  ratio: ratioOf(c),
  ...loadedFiles(c),
}));
fs.rmSync(hookFile, { force: true });
const loadavg = os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(" ");
const date = new Date().toISOString();

const lines = [
  `## Import cost: median ms of \`await import()\` in a fresh process (${rounds} interleaved rounds), and the files loaded`,
  ``,
  `| tree | entry | ms | ratio to baseline | wz files | their source lines | dependency files | dependency packages | node built-ins |`,
  `|---|---|--:|--:|--:|--:|--:|---|--:|`,
  ...results.map((r) => {
    const ratio = r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}×`;
    return `| ${r.tree} (${r.commit}) | \`${r.entry}\` | ${r.ms} | ${ratio} | ${r.own} | ${r.sourceLines} | ${r.deps} | ${r.packages.join(", ") || "none"} | ${r.builtins} |`;
  }),
  ``,
  `Node ${process.version}, ${date.slice(0, 16).replace("T", " ")} UTC, load average ${loadavg} (at the end). Times include module resolution and evaluation; the machine's load moves them, so compare rows of one run.`,
];
const text = lines.join("\n") + "\n";
console.log(text);
fs.mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(repoRoot, "bench", "results", "import-cost.md"), text);
fs.writeFileSync(
  path.join(repoRoot, "bench", "results", "import-cost.json"),
  JSON.stringify({ date, node: process.version, loadavg, rounds, results }, null, 2) + "\n",
);
