// Runs benchmark parts in sequence, each in its own node process:
//   node bench/run.mjs [part...] [-- args passed to every part]
// With no part named, runs every part found. A part is a standalone script bench/<name>.mjs whose
// first line starts with "// bench part:" (the rest of that line says what it measures); it
// prints its results and writes them to bench/results/<name>.md. Helper modules have no marker.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const MARKER = "// bench part:";
// Cheap, self-contained parts first; the network and reload parts last.
const PREFERRED = ["match", "build", "forms", "http", "reload"];

function findParts() {
  const parts = [];
  for (const file of fs.readdirSync(benchDir)) {
    if (!file.endsWith(".mjs") || file === "run.mjs") continue;
    const first = fs.readFileSync(path.join(benchDir, file), "utf8").split("\n", 1)[0];
    if (first.startsWith(MARKER)) parts.push({ name: file.slice(0, -4), what: first.slice(MARKER.length).trim() });
  }
  const rank = (n) => (PREFERRED.indexOf(n) === -1 ? PREFERRED.length : PREFERRED.indexOf(n));
  return parts.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const names = split === -1 ? argv : argv.slice(0, split);
const passThrough = split === -1 ? [] : argv.slice(split + 1);
const found = findParts();

if (names.includes("--list")) {
  for (const p of found) console.log(`${p.name.padEnd(12)} ${p.what}`);
  process.exit(0);
}
const chosen = names.length ? names.map((n) => found.find((p) => p.name === n) ?? { name: n, what: "" }) : found;

const failed = [];
for (const part of chosen) {
  const file = path.join(benchDir, `${part.name}.mjs`);
  if (!fs.existsSync(file)) {
    console.error(`bench: no part "${part.name}" (found: ${found.map((p) => p.name).join(", ") || "none"})`);
    failed.push(part.name);
    continue;
  }
  console.error(`\n=== bench ${part.name}${part.what ? `: ${part.what}` : ""}`);
  const started = Date.now();
  const child = spawnSync(process.execPath, [file, ...passThrough], { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (child.status !== 0) {
    console.error(`=== bench ${part.name} failed (exit ${child.status ?? child.signal}) after ${seconds} s`);
    failed.push(part.name);
  } else console.error(`=== bench ${part.name} done in ${seconds} s`);
}
if (failed.length) {
  console.error(`bench: failed parts: ${failed.join(", ")}`);
  process.exit(1);
}
