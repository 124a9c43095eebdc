// The route fixtures are inputs for the compiler's tests and for the benchmarks: each must be a
// well-formed routes file (imports only wz/routing and files beside it, type-checks against the
// declaration API), and each neutral list must describe exactly the rules of its routes file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as TS from "typescript";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (...parts: string[]) => path.join(repoRoot, "fixtures", ...parts);
const ts = createRequire(path.join(repoRoot, "package.json"))("typescript") as typeof TS;

interface NeutralRoute {
  method: string;
  path: string;
  endpoint: string;
  rule: string;
}
interface FlatRule {
  method: string;
  rule: string;
  endpoint?: string;
  subdomain?: string;
  options: Record<string, unknown>;
}
// fixtures/neutral.mjs and fixtures/generated/gen.mjs are plain modules shared with the benchmarks.
const tooling = async () =>
  (await import(pathToFileURL(fixture("neutral.mjs")).href)) as {
    importRoutesFile(file: string, outDir: string): Promise<unknown>;
    flattenRoutes(declaration: unknown): FlatRule[];
    neutralRoutes(declaration: unknown): NeutralRoute[];
  };
const generator = async () =>
  (await import(pathToFileURL(fixture("generated", "gen.mjs")).href)) as {
    writeGenerated(dir: string, size: number, seed?: number): { routesFile: string; neutralFile: string; count: number };
  };

// A scratch folder where `wz/routing` resolves to this checkout, as for code outside the repo.
let scratch = "";
before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wz-fixtures-"));
  fs.mkdirSync(path.join(scratch, "node_modules"));
  fs.symlinkSync(repoRoot, path.join(scratch, "node_modules", "wz"), "dir");
  fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ type: "module" }));
});
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

let loads = 0;
async function load(file: string): Promise<unknown> {
  return (await tooling()).importRoutesFile(file, path.join(scratch, `load-${loads++}`));
}
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;

function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);
}

function assertOnlyRoutingImports(file: string): void {
  for (const spec of importsOf(file)) {
    const local = spec.startsWith("./") && !spec.slice(2).includes("/");
    assert.ok(spec === "wz/routing" || local, `${path.relative(repoRoot, file)} imports ${spec}`);
    if (local) assert.ok(fs.existsSync(path.join(path.dirname(file), spec.replace(/\.js$/, ".ts"))), `${spec} exists beside ${file}`);
  }
}

test("every hand-written fixture file imports only wz/routing and files beside it", () => {
  for (const file of [fixture("github-api", "routes.ts"), fixture("flask-app", "routes.ts"), fixture("flask-app", "converters.ts")]) {
    assertOnlyRoutingImports(file);
  }
});

test("the hand-written fixtures type-check against the wz/routing declaration API", () => {
  const program = ts.createProgram([fixture("github-api", "routes.ts"), fixture("flask-app", "routes.ts")], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    // ES only: no DOM declarations to load, which halves the time.
    lib: ["lib.es2022.d.ts"],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  assert.deepEqual(problems, []);
});

test("the GitHub API neutral list holds exactly the rules of routes.ts, one per method, in order", async () => {
  const declaration = await load(fixture("github-api", "routes.ts"));
  const fromRoutes = (await tooling()).neutralRoutes(declaration);
  const neutral = readJson<NeutralRoute[]>(fixture("github-api", "routes.json"));
  assert.equal(neutral.length, fromRoutes.length);
  assert.deepEqual(neutral, fromRoutes);
  assert.ok(neutral.length >= 200, `${neutral.length} routes`);
});

test("every GitHub API rule has one method, its own endpoint, and a method GitHub uses", async () => {
  const rules = (await tooling()).flattenRoutes(await load(fixture("github-api", "routes.ts")));
  const endpoints = new Set(rules.map((r) => r.endpoint));
  assert.equal(endpoints.size, rules.length);
  for (const r of rules) {
    assert.ok(["GET", "POST", "PATCH", "PUT", "DELETE"].includes(r.method), `${r.method} ${r.rule}`);
    assert.equal((r.options["methods"] as string[]).length, 1);
  }
  const neutralPaths = readJson<NeutralRoute[]>(fixture("github-api", "routes.json")).map((r) => `${r.method} ${r.path}`);
  assert.equal(new Set(neutralPaths).size, neutralPaths.length, "no method + path twice");
});

test("the generator writes byte-identical tables for the same seed, and a different one for another", async () => {
  const { writeGenerated } = await generator();
  const a = writeGenerated(path.join(scratch, "gen-a"), 1000, 1);
  const b = writeGenerated(path.join(scratch, "gen-b"), 1000, 1);
  const c = writeGenerated(path.join(scratch, "gen-c"), 1000, 2);
  assert.equal(fs.readFileSync(a.routesFile, "utf8"), fs.readFileSync(b.routesFile, "utf8"));
  assert.equal(fs.readFileSync(a.neutralFile, "utf8"), fs.readFileSync(b.neutralFile, "utf8"));
  assert.notEqual(fs.readFileSync(a.routesFile, "utf8"), fs.readFileSync(c.routesFile, "utf8"));
});

test("the generated 1k and 10k tables are well-formed and agree with their neutral lists", async () => {
  const { writeGenerated } = await generator();
  for (const size of [1000, 10000]) {
    const out = writeGenerated(path.join(scratch, "gen"), size);
    assert.equal(out.count, size);
    assertOnlyRoutingImports(out.routesFile);
    const fromRoutes = (await tooling()).neutralRoutes(await load(out.routesFile));
    const neutral = readJson<NeutralRoute[]>(out.neutralFile);
    assert.equal(neutral.length, size);
    assert.deepEqual(neutral, fromRoutes);
    const pairs = new Set(neutral.map((r) => `${r.method} ${r.rule}`));
    assert.equal(pairs.size, size, "no method + rule twice");
    const converters = new Set(neutral.flatMap((r) => [...r.rule.matchAll(/<(\w+)(?:\([^)]*\))?:/g)].map((m) => m[1])));
    for (const c of ["int", "uuid", "any", "string", "path"]) assert.ok(converters.has(c), `uses ${c}`);
    assert.ok(
      neutral.some((r) => !r.rule.includes("<")),
      "has static routes",
    );
  }
});

test("the flask-app fixture uses every routing feature", async () => {
  const declaration = (await load(fixture("flask-app", "routes.ts"))) as { options: Record<string, unknown> };
  const rules = (await tooling()).flattenRoutes(declaration);
  const text = rules.map((r) => r.rule + " " + (r.subdomain ?? "")).join("\n");
  const has = (re: RegExp, what: string) => assert.match(text, re, what);
  has(/<int\([^)]*min=/, "int min");
  has(/<int\([^)]*max=/, "int max");
  has(/<int\([^)]*fixed_digits=/, "int fixed_digits");
  has(/<int\([^)]*signed=True/, "int signed");
  has(/<float\([^)]*signed=True/, "float signed");
  has(/<float\([^)]*min=/, "float min");
  has(/<float\([^)]*max=/, "float max");
  has(/<uuid:/, "uuid");
  has(/<path:/, "path");
  has(/<any\(/, "any");
  has(/<string\(length=/, "string length");
  has(/<string\([^)]*minlength=/, "string minlength");
  has(/<string\([^)]*maxlength=/, "string maxlength");
  has(/<slug:/, "custom converter");
  const some = (what: string, p: (r: FlatRule) => boolean) => assert.ok(rules.some(p), what);
  some("defaults", (r) => r.options["defaults"] !== undefined);
  some(
    "companion rule of the defaults",
    (r) => r.endpoint === rules.find((x) => x.options["defaults"])?.endpoint && !r.options["defaults"] && !r.options["alias"],
  );
  some("redirectTo with a placeholder", (r) => /<\w+>/.test(String(r.options["redirectTo"] ?? "")));
  some("alias", (r) => r.options["alias"] === true);
  some("strictSlashes off", (r) => r.options["strictSlashes"] === false);
  some("mergeSlashes off", (r) => r.options["mergeSlashes"] === false);
  some("several methods", (r) => ((r.options["methods"] as string[] | undefined) ?? []).length > 1);
  some("websocket", (r) => r.options["websocket"] === true);
  some("buildOnly", (r) => r.options["buildOnly"] === true);
  some("subdomain with a converter", (r) => /<[^>]*:?\w+>/.test(r.subdomain ?? ""));
  some("submount and endpointPrefix", (r) => r.rule.startsWith("/api/v1/") && (r.endpoint ?? "").startsWith("api."));
  assert.equal(declaration.options["strictSlashes"], true);
  assert.equal(declaration.options["mergeSlashes"], true);
  assert.ok((declaration.options["converters"] as Record<string, unknown>)["slug"], "custom converter registered");
});
