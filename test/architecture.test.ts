// The shape of the house, read from the import statements of the sources: runtime/ has no import
// cycle (type-only imports included; a dynamic `import()` loads on call and is not part of one),
// never reaches into compiler/, and what a generated module loads through `wz/routing` stays
// small.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { cycles, importsOf, loadedFrom, sourceFiles, type ImportEdge } from "./support/import-graph.js";
import { repoRoot, routesDir } from "./support/routes-files.js";

const runtimeDir = path.join(repoRoot, "runtime");
const files = sourceFiles(runtimeDir);
const edges = files.flatMap(importsOf);
const rel = (file: string): string => path.relative(repoRoot, file);

test("the import reader sees the runtime's imports and finds a cycle where there is one", () => {
  assert.ok(files.length > 50 && edges.length > 200, `read ${files.length} files, ${edges.length} imports`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wz-cycle-"));
  try {
    fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b.js";\nexport const a = () => b;\n');
    fs.writeFileSync(path.join(dir, "b.ts"), 'import type { a } from "./a.js";\nexport const b = 1 as unknown as typeof a;\n');
    fs.writeFileSync(path.join(dir, "c.ts"), 'export const c = () => import("./a.js");\n');
    const scratch = sourceFiles(dir);
    assert.deepEqual(
      cycles(scratch, scratch.flatMap(importsOf)).map((c) => c.map((f) => path.basename(f))),
      [["a.ts", "b.ts"]],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("runtime/ has no import cycle, not even through type-only imports", () => {
  const found = cycles(
    files,
    edges.filter((e) => e.kind !== "dynamic"),
  );
  const describe = (component: string[]): string => {
    const inside = edges.filter((e) => e.kind !== "dynamic" && component.includes(e.from) && component.includes(e.to));
    return inside.map((e) => `  ${rel(e.from)} -> ${rel(e.to)}${e.kind === "type" ? " (type)" : ""}`).join("\n");
  };
  assert.equal(found.length, 0, `import cycles in runtime/:\n${found.map(describe).join("\n\n")}`);
});

test("runtime/ never imports compiler/, and loads wz/compiler only on demand", () => {
  const compilerDir = path.join(repoRoot, "compiler") + path.sep;
  const intoCompiler = edges.filter((e) => e.to.startsWith(compilerDir));
  assert.deepEqual(
    intoCompiler.map((e) => `${rel(e.from)} imports ${e.specifier}`),
    [],
  );
  const eager = edges.filter((e: ImportEdge) => e.specifier === "wz/compiler" && e.kind === "value");
  assert.deepEqual(
    eager.map((e) => `${rel(e.from)} imports wz/compiler at load time`),
    [],
  );
});

/** Files loaded at import time from an entry, and the packages (not node:) they import. */
function loadTimeClosure(entry: string): { files: string[]; packages: string[] } {
  const loaded = loadedFrom(path.join(runtimeDir, entry), edges);
  const packages = edges
    .filter((e) => e.kind === "value" && loaded.includes(e.from) && !e.to.endsWith(".ts") && !e.specifier.startsWith("node:"))
    .map((e) => e.specifier);
  return { files: loaded.map(rel), packages: [...new Set(packages)].sort() };
}

test("wz/routing loads the routing files, the exceptions and no Request, Response, forms, server or package", () => {
  const { files: loaded, packages } = loadTimeClosure("routing/index.ts");
  // Small leaf helpers (status phrases, text and URL quoting) are fine; the I/O layers are not.
  const heavy = loaded.filter(
    (f) => /^runtime\/(datastructures|forms|serving|testing|dev|middleware)\//.test(f) || /^runtime\/wrappers\/(?!(status|context)\.ts)/.test(f),
  );
  assert.deepEqual(heavy, [], `wz/routing loads ${loaded.length} files`);
  assert.deepEqual(packages, []);
});

test('import "wz" loads no dev server, file watcher, TypeScript loader, compiler or mime database', () => {
  const { files: loaded, packages } = loadTimeClosure("index.ts");
  // The dev folder contributes runSimple's light front only; the rest loads when it is called.
  const dev = loaded.filter((f) => f.startsWith("runtime/dev/"));
  assert.deepEqual(dev, ["runtime/dev/check-address.ts", "runtime/dev/child-handoff.ts", "runtime/dev/index.ts", "runtime/dev/run-simple.ts"]);
  assert.deepEqual(packages, [], "packages imported at load time");
});

test("a process that imports wz has required no CommonJS package (mime-types, esbuild, ts-morph)", () => {
  const code = `import { createRequire } from "node:module"; await import("wz"); await import("wz/routing");
    process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const required: string[] = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8" }));
  assert.deepEqual(
    required.filter((f) => f.includes(`${path.sep}node_modules${path.sep}`)),
    [],
  );
});

test('import "wz/compiler" and compiling a literal routes file load no ts-morph; a file that needs TypeScript loads it then', () => {
  const required = (compile: string) => {
    const code = `import { createRequire } from "node:module"; const { compileRoutes } = await import("wz/compiler"); ${compile}
      process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes("ts-morph"))));`;
    return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: repoRoot, encoding: "utf8" })) as boolean;
  };
  const dir = routesDir({
    "literal.ts": `import { routes, rule } from "wz/routing";\nexport default routes({}, [rule("/", { endpoint: "index" })]);\n`,
    "with-const.ts": `import { routes, rule } from "wz/routing";\nconst HOME = "/";\nexport default routes({}, [rule(HOME, { endpoint: "index" })]);\n`,
  });
  try {
    assert.equal(required(""), false, "import alone");
    assert.equal(required(`await compileRoutes({ file: ${JSON.stringify(dir.path("literal.ts"))} });`), false, "a literal file");
    assert.equal(required(`await compileRoutes({ file: ${JSON.stringify(dir.path("with-const.ts"))} });`), true, "a file read by TypeScript");
  } finally {
    dir.remove();
  }
});
