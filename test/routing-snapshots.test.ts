// The emitted code for the fixtures is pinned by snapshot files, so a change to the emitter shows
// up as a readable diff. Refresh them with `UPDATE_SNAPSHOTS=1 npm test` and review the diff.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { compileRoutes } from "wz/compiler";
import { repoRoot } from "./support/oracle.js";

const fixtures = ["github-api", "flask-app"];

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
    const snapshot = path.join(repoRoot, "test", "snapshots", `${name}.gen.ts.snap`);
    if (process.env.UPDATE_SNAPSHOTS) {
      fs.mkdirSync(path.dirname(snapshot), { recursive: true });
      fs.writeFileSync(snapshot, first.code);
    }
    // A missing snapshot is a failure, not a new baseline: CI must never bless what it just emitted.
    assert.ok(fs.existsSync(snapshot), `no snapshot ${path.relative(repoRoot, snapshot)}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
    assert.equal(first.code, fs.readFileSync(snapshot, "utf8"));
  });
}
