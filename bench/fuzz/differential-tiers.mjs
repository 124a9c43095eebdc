// test/routing-shortcuts.test.ts at volume: code tier vs table tier vs the reference matcher on
// seeded tables aimed at the shortcuts (test/support/shortcut-tables.ts). After the build:
//   node bench/fuzz/differential-tiers.mjs [--tables 200] [--lookups 5000] [--seed 2]
import { runShortcutTables } from "../../dist/test/support/shortcut-tables.js";

const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const seed = arg("--seed", 2);
const tables = arg("--tables", 200);
const run = await runShortcutTables(seed, tables, arg("--lookups", 5000));
for (const d of run.disagreements) console.log(d);
console.log(
  `${run.lookups} lookups over ${tables} tables (seed ${seed}): ${[...run.kinds].map(([k, n]) => `${k} ${n}`).join(", ")}; ${run.disagreements.length} disagreements shown; tables with the first-character guard ${run.guards}, with a last-segment 404 ${run.lastSegments}`,
);
