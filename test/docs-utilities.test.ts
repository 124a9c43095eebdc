// The ```ts examples of docs/utilities.md type-check against the package and run: each is
// written into a scratch folder inside the repo (so `wz` resolves to this package), checked
// with the TypeScript compiler, transpiled, and run as a script in that folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type * as TS from "typescript";
import { repoRoot } from "./support/routes-files.js";

const ts = createRequire(path.join(repoRoot, "package.json"))("typescript") as typeof TS;
const run = promisify(execFile);
const markdown = readFileSync(path.join(repoRoot, "docs", "utilities.md"), "utf8");
const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

test("docs/utilities.md has a type-correct example for each section, and each one runs", async () => {
  assert.ok(blocks.length >= 8, `found ${blocks.length} examples`);
  const dir = path.join(repoRoot, ".wz-tmp", `docs-utilities-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = blocks.map((code, i) => {
      const file = path.join(dir, `example-${i + 1}.mts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const options: TS.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    };
    const program = ts.createProgram(files, options);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${path.basename(d.file?.fileName ?? "")}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    assert.deepEqual(problems, []);
    for (const [i, file] of files.entries()) {
      const js = ts.transpileModule(readFileSync(file, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const script = file.replace(/\.mts$/, ".mjs");
      writeFileSync(script, js);
      const { stdout } = await run(process.execPath, [script], { cwd: dir, timeout: 120_000 });
      assert.ok(stdout.length > 0, `example ${i + 1} printed nothing`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
