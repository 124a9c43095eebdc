// Werkzeug 3.1.8's recorded answers (fixtures/oracle, from ../shared/oracle) through the compiler
// and the generated module: every check must agree, except the deviations listed here by name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases, runCase } from "./support/oracle.js";

// wz refuses a redirectTo naming an unknown variable when it compiles the routes; Werkzeug accepts
// the rule and raises KeyError on the first request that matches it.
const DEVIATIONS: Record<string, string[]> = {
  "cases-handwritten.w3.json": ["redirect-to-basic match[10]", "redirect-to-basic match[11]"],
  "cases-generated.w3.json": [],
  "cases-static-table.w3.json": [],
  "cases-merge-slashes.w3.json": [],
  "cases-first-char.w3.json": [],
};

// Every case with each matcher tier forced (the code tier's functions, the table tier's data).
for (const [file, via, tier] of [
  ["cases-handwritten.w3.json", "match", "code"],
  ["cases-generated.w3.json", "match", "code"],
  ["cases-handwritten.w3.json", "lookup", "code"],
  ["cases-handwritten.w3.json", "match", "table"],
  ["cases-generated.w3.json", "match", "table"],
  ["cases-handwritten.w3.json", "lookup", "table"],
  // What the exact-static table answers without the walk (fixtures/oracle/cases-static-table.py).
  ["cases-static-table.w3.json", "match", "code"],
  ["cases-static-table.w3.json", "lookup", "code"],
  ["cases-static-table.w3.json", "match", "table"],
  ["cases-static-table.w3.json", "lookup", "table"],
  // When a miss is retried with slashes merged (fixtures/oracle/cases-merge-slashes.py).
  ["cases-merge-slashes.w3.json", "lookup", "code"],
  ["cases-merge-slashes.w3.json", "lookup", "table"],
  // What the first character of the path decides alone (fixtures/oracle/cases-first-char.py).
  ["cases-first-char.w3.json", "match", "code"],
  ["cases-first-char.w3.json", "lookup", "code"],
  ["cases-first-char.w3.json", "match", "table"],
  ["cases-first-char.w3.json", "lookup", "table"],
] as const) {
  const how = via === "match" ? "the generated matcher answers" : "adapter.lookup returns the outcome";
  test(`${tier} tier: ${how} as Werkzeug 3.1.8 on every case of ${file}`, async (t) => {
    let passed = 0,
      skipped = 0;
    const failures: string[] = [],
      deviations: string[] = [];
    for (const c of loadCases(file)) {
      const report = await runCase(c, via, tier);
      passed += report.passed;
      skipped += report.skipped;
      failures.push(...report.failures);
      deviations.push(...report.deviations);
    }
    t.diagnostic(
      `${passed} checks agree, ${skipped} skipped (values JS cannot express), ${deviations.length} deliberate deviations, ${failures.length} disagree`,
    );
    for (const d of deviations) t.diagnostic(`deviation: ${d}`);
    assert.deepEqual(failures.slice(0, 40), [], `${failures.length} checks disagree with Werkzeug`);
    assert.deepEqual(
      deviations.map((d) => d.split(" ").slice(0, 2).join(" ")),
      DEVIATIONS[file],
    );
  });
}
