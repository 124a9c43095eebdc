// The documentation cannot rot: every ```ts block of README.md and docs/*.md is type-checked
// against the package as outside code sees it (`import ... from "wz"`), with tsc 6 and
// TypeScript 7, and every relative link points at a file of the repository.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { compileRoutes } from "wz/compiler";
import { repoRoot } from "./support/oracle.js";
import { docBlocks, markdownFiles, type DocBlock } from "./support/doc-blocks.js";

const docs = markdownFiles(repoRoot);
const blocks = docBlocks(repoRoot, docs).filter((b) => b.lang === "ts");

/** Where each generated file's lines come from: a block, shifted by its prelude. */
interface Origin {
  block: DocBlock;
  offset: number;
}

/**
 * Lays the blocks out as a project inside the repository (so `wz` resolves to this package by
 * its own name and `@types/node` is found): one folder per page, a page's `routes.ts` compiled.
 */
async function writeProject(dir: string): Promise<Map<string, Origin>> {
  fs.rmSync(dir, { recursive: true, force: true });
  const origins = new Map<string, Origin>();
  for (const doc of docs) {
    const pageDir = path.join(dir, doc.replace(/\.md$/, "").replace(/[/.]/g, "_"));
    fs.mkdirSync(pageDir, { recursive: true });
    for (const block of blocks.filter((b) => b.doc === doc && b.skip === undefined)) {
      const file = path.join(pageDir, block.file ?? `block-${block.line}.ts`);
      // The prelude is one line, so a block's line n is the file's line n + 1.
      const given =
        block.given
          ?.split(";")
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => `declare const ${d};`) ?? [];
      const prelude = given.length ? `import type * as wz from "wz"; ${given.join(" ")}\n` : "";
      fs.writeFileSync(file, `${prelude}${block.code}\nexport {};\n`);
      origins.set(path.resolve(file), { block, offset: prelude ? 1 : 0 });
    }
    const routes = path.join(pageDir, "routes.ts");
    if (fs.existsSync(routes)) {
      const { code, diagnostics } = await compileRoutes({ file: routes });
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === "error"),
        [],
        `${doc}: its routes.ts block does not compile`,
      );
      fs.writeFileSync(path.join(pageDir, "routes.gen.ts"), code);
    }
  }
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        lib: ["es2023"],
        types: ["node"],
        strict: true,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: "out",
        skipLibCheck: true,
      },
      include: ["**/*.ts"],
      exclude: ["out"],
    }),
  );
  return origins;
}

/** tsc's diagnostics, each pointed back at its Markdown line. */
function typeCheck(tscPath: string, dir: string, origins: Map<string, Origin>): string[] {
  const run = spawnSync(process.execPath, [tscPath, "-p", ".", "--pretty", "false"], { cwd: dir, encoding: "utf8" });
  const errors: string[] = [];
  for (const line of (run.stdout + run.stderr).split("\n")) {
    if (!line.trim()) continue;
    const m = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
    const origin = m ? origins.get(path.resolve(dir, m[1]!)) : undefined;
    if (!m || !origin) {
      if (/error/i.test(line)) errors.push(line);
      continue;
    }
    errors.push(`${origin.block.doc}:${origin.block.line + Number(m[2]) - 1 - origin.offset}:${m[3]}: ${m[4]}`);
  }
  if (run.status !== 0 && errors.length === 0) errors.push(`tsc exited ${run.status}: ${run.stdout}${run.stderr}`);
  return errors;
}

const typescripts = [
  { name: "tsc 6", bin: path.join(repoRoot, "node_modules", "typescript", "bin", "tsc") },
  { name: "TypeScript 7", bin: path.join(repoRoot, "node_modules", "typescript-7", "bin", "tsc") },
];

test("every ts block of README.md and docs/*.md type-checks against the package with tsc 6 and TypeScript 7", async () => {
  assert.ok(blocks.length >= 30, `only ${blocks.length} blocks found`);
  for (const block of blocks) {
    if (block.skip !== undefined) assert.ok(block.skip.length > 0, `${block.doc}:${block.line}: a skipped block must say why`);
  }
  const dir = path.join(repoRoot, ".wz-tmp", `docs-check-${process.pid}`);
  try {
    const origins = await writeProject(dir);
    for (const ts of typescripts) {
      const errors = typeCheck(ts.bin, dir, origins);
      assert.deepEqual(errors, [], `${ts.name}:\n${errors.join("\n")}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("every relative link in README.md and docs/*.md points at a file of the repository", () => {
  const broken: string[] = [];
  for (const doc of docs) {
    const text = fs.readFileSync(path.join(repoRoot, doc), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!) || target!.startsWith("#")) continue;
      const file = path.resolve(path.dirname(path.join(repoRoot, doc)), target!.split("#")[0]!);
      if (!file.startsWith(repoRoot + path.sep) || !fs.existsSync(file)) broken.push(`${doc}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test("the docs name no file outside the repository", () => {
  const outside = docs.flatMap((doc) =>
    fs
      .readFileSync(path.join(repoRoot, doc), "utf8")
      .split("\n")
      .flatMap((line, i) => (/\.\.\/shared\b|CONTRACT\.md/.test(line) ? [`${doc}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(outside, []);
});
