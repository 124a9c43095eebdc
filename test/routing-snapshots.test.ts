// The emitted code for the fixtures is pinned by snapshot files, so a change to the emitter shows
// up as a readable diff. Refresh them with `UPDATE_SNAPSHOTS=1 npm test` and review the diff.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { compileRoutes } from "wz/compiler";
import { readRoutesFile } from "../compiler/compile-routes.js";
import { compileSource } from "../compiler/compile.js";
import { createRoutesProject } from "../compiler/read-project.js";
import { repoRoot } from "./support/oracle.js";

const fixtures = ["github-api", "flask-app"];

/** The snapshot check: equal to the file (written first with UPDATE_SNAPSHOTS=1). */
function matchesSnapshot(code: string, snapshotName: string): void {
  const snapshot = path.join(repoRoot, "test", "snapshots", snapshotName);
  if (process.env.UPDATE_SNAPSHOTS) {
    fs.mkdirSync(path.dirname(snapshot), { recursive: true });
    fs.writeFileSync(snapshot, code);
  }
  // A missing snapshot is a failure, not a new baseline: CI must never bless what it just emitted.
  assert.ok(fs.existsSync(snapshot), `no snapshot ${path.relative(repoRoot, snapshot)}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
  assert.equal(code, fs.readFileSync(snapshot, "utf8"));
}

for (const name of fixtures) {
  test(`the module emitted for fixtures/${name} matches its snapshot and is byte-identical on a second compile`, async () => {
    const file = path.join(repoRoot, "fixtures", name, "routes.ts");
    const outFile = path.join(repoRoot, "fixtures", name, "routes.gen.ts");
    const first = await compileRoutes({ file, outFile });
    assert.deepEqual(
      first.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    const second = await compileRoutes({ file, outFile });
    assert.equal(second.code, first.code, "deterministic");
    matchesSnapshot(first.code, `${name}.gen.ts.snap`);
  });
}

test("the table-tier module emitted for fixtures/github-api matches its snapshot and is byte-identical on a second compile", async () => {
  const file = path.join(repoRoot, "fixtures", "github-api", "routes.ts");
  const read = await readRoutesFile(file, async () => createRoutesProject());
  const emit = () => compileSource(read.source!, { outFile: path.join(repoRoot, "fixtures", "github-api", "routes.gen.ts"), tier: "table" }).code;
  const first = emit();
  assert.ok(first.includes("new rt.TableMatcher("), "the table tier was emitted");
  assert.equal(emit(), first, "deterministic");
  matchesSnapshot(first, "github-api.table.gen.ts.snap");
});
