// Splices bench results files into the docs, so no figure there is typed by hand:
//   node bench/report.mjs            rewrite every marked block from bench/results/
//   node bench/report.mjs --check    exit 1 if a marked block differs from its results file
// A block in a Markdown file is
//   <!-- bench: build.md -->
//   ...replaced by the whole of bench/results/build.md...
//   <!-- /bench -->
// and `<!-- bench: http.md#cluster -->` takes only the section of that file between
// `<!-- section: cluster -->` and the next `<!-- section: ... -->` (or its end).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const resultsDir = path.join(repoRoot, "bench", "results");
const check = process.argv.includes("--check");
const BLOCK = /(<!-- bench: ([\w.-]+)(?:#([\w-]+))? -->\n)[\s\S]*?(<!-- \/bench -->)/g;

function excerpt(file, section) {
  const full = path.join(resultsDir, file);
  if (!fs.existsSync(full)) throw new Error(`bench/report: no results file bench/results/${file}`);
  const text = fs.readFileSync(full, "utf8").trimEnd() + "\n";
  if (section === undefined) return text;
  const start = text.indexOf(`<!-- section: ${section} -->\n`);
  if (start === -1) throw new Error(`bench/report: bench/results/${file} has no section "${section}"`);
  const from = start + `<!-- section: ${section} -->\n`.length;
  const next = text.indexOf("<!-- section: ", from);
  return text.slice(from, next === -1 ? text.length : next).trimEnd() + "\n";
}

function markdownFiles() {
  const docs = path.join(repoRoot, "docs");
  const files = [path.join(repoRoot, "README.md")];
  if (fs.existsSync(docs)) for (const name of fs.readdirSync(docs)) if (name.endsWith(".md")) files.push(path.join(docs, name));
  return files;
}

const stale = [];
for (const file of markdownFiles()) {
  const before = fs.readFileSync(file, "utf8");
  const after = before.replace(BLOCK, (_, open, name, section, close) => `${open}${excerpt(name, section)}${close}`);
  if (after === before) continue;
  stale.push(path.relative(repoRoot, file));
  if (!check) fs.writeFileSync(file, after);
}
if (check && stale.length) {
  console.error(`bench/report: figures differ from bench/results in ${stale.join(", ")}; run node bench/report.mjs`);
  process.exit(1);
}
console.log(stale.length ? `bench/report: updated ${stale.join(", ")}` : "bench/report: every marked block matches its results file");
