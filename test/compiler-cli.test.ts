import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { compileRoutes } from "wz/compiler";
import { IMPORTS, repoRoot, routesDir } from "./support/routes-files.js";

const bin = path.join(repoRoot, "bin/wz-compile.js");
const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function wzCompile(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
      },
    );
  });
}

const GOOD = `${IMPORTS}export default routes([rule("/", { endpoint: "index" }), rule("/users/<int:id>", { endpoint: "user" })]);\n`;
const BROKEN = `${IMPORTS}export default routes([rule("/", { endpont: "index" })]);\n`;
const WARNS = `${IMPORTS}export default routes([rule("/", { endpoint: "index", websocket: undefined })]);\n`;

function project(routes = GOOD) {
  const dir = routesDir({ "routes.ts": routes });
  dirs.push(dir);
  return dir;
}

test("--help prints the usage and exits 0", async () => {
  const run = await wzCompile(["--help"], repoRoot);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^Usage: wz-compile <routes\.ts> \[-o <out\.ts>\] \[--check\] \[--json\] \[--watch\]/);
});

test("usage errors exit 2 with the reason and the usage: unknown flag (with a did-you-mean), no file, missing file, -o without a name", async () => {
  const dir = project();
  for (const [args, reason] of [
    [["routes.ts", "--fast"], "unknown option --fast"],
    [["routes.ts", "--chek"], "unknown option --chek (did you mean --check?)"],
    [[], "missing the routes file"],
    [["nope.ts"], "no such routes file: nope.ts"],
    [["routes.ts", "-o"], "-o needs a file name"],
    [["routes.ts", "other.ts"], `expected one routes file, got "routes.ts" and "other.ts"`],
    [["routes.ts", "--check", "--watch"], "--check and --watch cannot be combined"],
  ] as const) {
    const run = await wzCompile([...args], dir.dir);
    assert.equal(run.code, 2, reason);
    assert.ok(run.stderr.startsWith(`wz-compile: ${reason}\n\nUsage:`), run.stderr);
  }
});

test("compiling writes <routes>.gen.ts beside the input, then leaves it alone while unchanged", async () => {
  const dir = project();
  const first = await wzCompile(["routes.ts"], dir.dir);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, "wz-compile: wrote routes.gen.ts\n");
  const written = readFileSync(dir.path("routes.gen.ts"), "utf8");
  const { code, diagnostics } = await compileRoutes({ file: dir.path("routes.ts") });
  assert.deepEqual(diagnostics, []);
  assert.equal(written, code, "the CLI writes what compileRoutes returns");
  const mtime = statSync(dir.path("routes.gen.ts")).mtimeMs;
  const second = await wzCompile(["routes.ts"], dir.dir);
  assert.equal(second.code, 0);
  assert.equal(second.stdout, "wz-compile: routes.gen.ts is up to date\n");
  assert.equal(statSync(dir.path("routes.gen.ts")).mtimeMs, mtime);
});

test("-o chooses the output file and creates its directory", async () => {
  const dir = project();
  const run = await wzCompile(["routes.ts", "-o", "out/map.gen.ts"], dir.dir);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(existsSync(dir.path("out/map.gen.ts")));
  assert.equal((await wzCompile(["routes.ts", "--out=out/map.gen.ts", "--check"], dir.dir)).code, 0);
});

test("output is deterministic: two compiles give byte-identical code", async () => {
  const dir = project();
  const a = await compileRoutes({ file: dir.path("routes.ts") });
  const b = await compileRoutes({ file: dir.path("routes.ts") });
  assert.ok(a.code.length > 0);
  assert.equal(a.code, b.code);
});

test("diagnostics exit 1, print a plain code frame when not a TTY, and write nothing", async () => {
  const dir = project(BROKEN);
  const run = await wzCompile(["routes.ts"], dir.dir);
  assert.equal(run.code, 1);
  assert.equal(
    run.stderr,
    [
      `routes.ts:2:36: error: unknown rule option "endpont"`,
      `    2 | export default routes([rule("/", { endpont: "index" })]);`,
      `      |                                    ~~~~~~~`,
      `      = did you mean "endpoint"?`,
      ``,
      `1 error`,
      ``,
    ].join("\n"),
  );
  assert.equal(existsSync(dir.path("routes.gen.ts")), false);
});

test("FORCE_COLOR colours the frame and NO_COLOR wins over it", async () => {
  const dir = project(BROKEN);
  assert.match((await wzCompile(["routes.ts"], dir.dir, { FORCE_COLOR: "1" })).stderr, /\x1b\[31m/);
  assert.doesNotMatch((await wzCompile(["routes.ts"], dir.dir, { FORCE_COLOR: "1", NO_COLOR: "1" })).stderr, /\x1b\[/);
});

test("compileRoutes returns empty code with any error", async () => {
  const dir = project(BROKEN);
  const result = await compileRoutes({ file: dir.path("routes.ts") });
  assert.equal(result.code, "");
  assert.deepEqual(
    result.diagnostics.map((d) => d.suggestion),
    ["endpoint"],
  );
});

test("warnings are printed but do not fail the build", async () => {
  const dir = project(WARNS);
  const run = await wzCompile(["routes.ts"], dir.dir);
  assert.equal(run.code, 0);
  assert.match(run.stderr, /routes\.ts:2:\d+: warning: rule option "websocket" is undefined/);
  assert.ok(existsSync(dir.path("routes.gen.ts")));
});

test("--check exits 1 naming a missing or stale output, and 0 when it is fresh, writing nothing", async () => {
  const dir = project();
  const missing = await wzCompile(["routes.ts", "--check"], dir.dir);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, "wz-compile: routes.gen.ts is missing; run `wz-compile routes.ts` to regenerate it\n");
  assert.equal(existsSync(dir.path("routes.gen.ts")), false);
  await wzCompile(["routes.ts"], dir.dir);
  const fresh = await wzCompile(["routes.ts", "--check"], dir.dir);
  assert.equal(fresh.code, 0);
  assert.equal(fresh.stdout, "wz-compile: routes.gen.ts is up to date\n");
  dir.write("routes.ts", GOOD.replace(`"/users/<int:id>"`, `"/people/<int:id>"`));
  const stale = await wzCompile(["routes.ts", "--check"], dir.dir);
  assert.equal(stale.code, 1);
  assert.equal(stale.stderr, "wz-compile: routes.gen.ts is stale; run `wz-compile routes.ts` to regenerate it\n");
});

test("--json prints the outcome and the diagnostics as one JSON line", async () => {
  const dir = project(BROKEN);
  const run = await wzCompile(["routes.ts", "--json"], dir.dir);
  assert.equal(run.code, 1);
  assert.equal(run.stderr, "");
  const report = JSON.parse(run.stdout);
  assert.equal(report.outcome, "failed");
  assert.equal(report.outFile, dir.path("routes.gen.ts"));
  assert.deepEqual(report.diagnostics, [
    {
      file: dir.path("routes.ts"),
      line: 2,
      column: 36,
      length: 7,
      severity: "error",
      suggestion: "endpoint",
      lineText: `export default routes([rule("/", { endpont: "index" })]);`,
      message: `unknown rule option "endpont"`,
    },
  ]);
  dir.write("routes.ts", GOOD);
  const ok = await wzCompile(["routes.ts", "--json"], dir.dir);
  assert.equal(ok.code, 0);
  assert.deepEqual(JSON.parse(ok.stdout), { outFile: dir.path("routes.gen.ts"), outcome: "written", diagnostics: [] });
  unlinkSync(dir.path("routes.gen.ts"));
});
