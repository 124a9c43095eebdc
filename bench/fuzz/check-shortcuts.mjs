// Runs oracle output (bench/fuzz/gen-shortcuts.py through ../shared/oracle/oracle.py) through wz
// with both matcher tiers, by `match` and by `lookup`, and prints the disagreements.
//   node bench/fuzz/check-shortcuts.mjs /tmp/out.w3.json [--verbose 20]
import fs from "node:fs";
import { runCase } from "../../dist/test/support/oracle.js";

const files = process.argv.slice(2).filter((a) => a.endsWith(".json"));
const verbose = Number(process.argv[process.argv.indexOf("--verbose") + 1]) || 20;
const totals = {};
const failures = [];
for (const file of files) {
  for (const c of JSON.parse(fs.readFileSync(file, "utf8")).cases) {
    for (const tier of ["code", "table"]) {
      for (const via of ["match", "lookup"]) {
        const r = await runCase(c, via, tier);
        const key = `${tier}/${via}`;
        const t = (totals[key] ??= { passed: 0, skipped: 0, failed: 0 });
        t.passed += r.passed;
        t.skipped += r.skipped;
        // Werkzeug's ValueError from a converter while it builds a redirect (alias, redirect_defaults)
        // is wz's TypeError or RangeError naming the same value: the same outcome, counted apart.
        const same = r.failures.filter((f) => /threw (TypeError|RangeError): wz: .*Werkzeug raised ValueError/.test(f));
        t.sameValueError = (t.sameValueError ?? 0) + same.length;
        t.failed += r.failures.length - same.length;
        for (const f of r.failures) if (!same.includes(f)) failures.push(`${key} ${f}`);
      }
    }
  }
}
for (const f of failures.slice(0, verbose)) console.log(f);
console.log(JSON.stringify(totals));
