// Werkzeug 3.1.8's recorded answers (fixtures/oracle, from ../shared/oracle) through the compiler
// and the generated module: every check must agree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases, runCase } from "./support/oracle.js";

for (const [file, via] of [
  ["cases-handwritten.w3.json", "match"], ["cases-generated.w3.json", "match"], ["cases-handwritten.w3.json", "lookup"],
] as const) {
  const how = via === "match" ? "the generated matcher answers" : "adapter.lookup returns the outcome";
  test(`${how} as Werkzeug 3.1.8 on every case of ${file}`, async (t) => {
    let passed = 0, skipped = 0;
    const failures: string[] = [];
    for (const c of loadCases(file)) {
      const report = await runCase(c, via);
      passed += report.passed;
      skipped += report.skipped;
      failures.push(...report.failures);
    }
    t.diagnostic(`${passed} checks agree, ${skipped} skipped (values JS cannot express), ${failures.length} disagree`);
    assert.deepEqual(failures.slice(0, 40), [], `${failures.length} checks disagree with Werkzeug`);
  });
}
