// The generated module's types: urlFor, ParamsOf, MatchParamsOf, RouteMatch and defineEndpoints
// reject wrong endpoints and missing, extra or mistyped parameters, and defineEndpoints takes async
// handlers and gives what an App returns (test/types/usage.ts and endpoints.ts, whose
// `@ts-expect-error` lines must each be an error and whose other lines must type-check).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { compileRoutes } from "wz/compiler";
import { repoRoot } from "./support/oracle.js";

test("type errors in urlFor and defineEndpoints calls are caught by tsc 6 and TypeScript 7, correct calls pass, and the emitted code type-checks", async () => {
  const dir = path.join(repoRoot, "test", "types");
  const outFile = path.join(dir, "routes.gen.ts");
  const { code, diagnostics } = await compileRoutes({ file: path.join(dir, "routes.ts"), outFile });
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === "error"),
    [],
  );
  // Users' tsc skips the generated bodies (@ts-nocheck); here they are checked too.
  fs.writeFileSync(outFile, code.replace("// @ts-nocheck\n", ""));
  // tsc 6 and TypeScript 7 alike.
  for (const typescript of ["typescript", "typescript-7"]) {
    const tsc = path.join(repoRoot, "node_modules", typescript, "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    assert.equal(run.status, 0, `${typescript}: ${run.stdout}${run.stderr}`);
  }
});

test("a wrong endpoint name's type error lists the valid names when there are few", async () => {
  const dir = path.join(repoRoot, "test", "types");
  const outFile = path.join(dir, "routes.gen.ts");
  const { code } = await compileRoutes({ file: path.join(dir, "routes.ts"), outFile });
  fs.writeFileSync(outFile, code);
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.wrong-endpoint.json")], { encoding: "utf8" });
  const errors = run.stdout.split("\n").filter((line) => line.includes("error TS"));
  assert.equal(errors.length, 1, run.stdout);
  assert.match(errors[0]!, /"user\.shw"/);
  for (const name of ["index", "user.show", "page", "files", "price", "person", "lang", "api.item"]) {
    assert.ok(errors[0]!.includes(`"${name}"`), `the error names "${name}": ${errors[0]}`);
  }
});
