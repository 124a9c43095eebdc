// The figures in README.md and docs/ are the bench results files, spliced in verbatim.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./support/dev-server-process.js";

test("every benchmark block in the docs is exactly its bench/results file", () => {
  const run = spawnSync(process.execPath, [join(repoRoot, "bench", "report.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
});
