// Differential test of the matcher's shortcuts (the first-character guard, the exact-static
// table's last-segment 404, the folded chains' merge-slashes retry, the table tier's wide trie
// nodes): code tier, table tier and the reference matcher on seeded tables built to reach them
// (test/support/shortcut-tables.ts). bench/fuzz/differential-tiers.mjs runs the same at volume.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runShortcutTables } from "./support/shortcut-tables.js";

test("both matcher tiers give the reference matcher's outcome on 40,000 requests aimed at the shortcuts, over 40 seeded tables", async (t) => {
  const run = await runShortcutTables(1, 40, 1000);
  t.diagnostic(`${run.lookups} lookups: ${[...run.kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  t.diagnostic(`tables with the first-character guard: ${run.guards}, with a last-segment 404: ${run.lastSegments}`);
  // The shortcuts must be in the code, or agreement says nothing about them.
  assert.ok(run.guards >= 5 && run.lastSegments >= 10, "the shortcuts are emitted");
  // Every outcome must be exercised, or agreement says little.
  for (const kind of ["ok", "404", "405", "308", "400"]) assert.ok((run.kinds.get(kind) ?? 0) > 100, `${kind} is exercised`);
  assert.deepEqual(run.disagreements, []);
});
