// The flask-app fixture through the whole public path, as an app uses it: compileRoutes() from
// wz/compiler, the generated module beside the app's converters, map.bind().match() / build().
// Expected answers were recorded from Werkzeug 3.1.8 (fixtures/flask-app/record-answers.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileRoutes } from "wz/compiler";
import { NotFound, MethodNotAllowed, RequestRedirect, WebsocketMismatch, BuildError } from "wz/routing";
import { readRoutesFile } from "../compiler/compile-routes.js";
import { compileSource } from "../compiler/compile.js";
import { createRoutesProject } from "../compiler/read-project.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const appDir = path.join(repoRoot, "fixtures", "flask-app");

type Expect =
  | { endpoint: string; params: Record<string, unknown> }
  | { redirect: string }
  | { methodNotAllowed: string[] }
  | { websocketMismatch: true }
  | { notFound: true };
interface MatchCase {
  method: string;
  path: string;
  subdomain?: string;
  websocket?: boolean;
  expect: Expect;
}
interface BuildCase {
  endpoint: string;
  values: Record<string, unknown>;
  forceExternal?: boolean;
  expect: { url: string } | { buildError: true };
}
interface Answers {
  werkzeug: string;
  matches: MatchCase[];
  builds: BuildCase[];
}
interface Adapter {
  match(path: string, method: string, options?: { websocket?: boolean }): { endpoint: string; params: Record<string, unknown> };
  build(endpoint: string, values: Record<string, unknown>, options?: { forceExternal?: boolean }): string;
}
interface GeneratedModule {
  default: { bind(serverName: string, options?: { subdomain?: string }): Adapter };
}

const answers = JSON.parse(fs.readFileSync(path.join(appDir, "werkzeug-answers.json"), "utf8")) as Answers;

let scratch = "";
/** The fixture's module with each matcher tier: the default (code, for a table this size) and the table tier forced. */
const generated: Record<"code" | "table", GeneratedModule> = {} as never;
before(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wz-flask-"));
  fs.mkdirSync(path.join(scratch, "node_modules"));
  fs.symlinkSync(repoRoot, path.join(scratch, "node_modules", "wz"), "dir");
  fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ type: "module" }));
  const tooling = (await import(pathToFileURL(path.join(repoRoot, "fixtures", "neutral.mjs")).href)) as {
    importRoutesFile(file: string, outDir: string): Promise<unknown>;
    transpile(code: string): string;
  };
  // Transpiles routes.ts and converters.ts beside each other, where the generated module expects them.
  await tooling.importRoutesFile(path.join(appDir, "routes.ts"), scratch);
  const result = await compileRoutes({ file: path.join(appDir, "routes.ts") });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors, [], "the fixture compiles without errors");
  assert.ok(!result.code.includes("new rt.TableMatcher("), "a table this size gets the code tier");
  // The table tier through the compiler's internal option (compileRoutes has none).
  const read = await readRoutesFile(path.join(appDir, "routes.ts"), async () => createRoutesProject());
  const table = compileSource(read.source!, { outFile: path.join(appDir, "routes.gen.ts"), tier: "table" }).code;
  assert.ok(table.includes("new rt.TableMatcher("), "the table tier was emitted");
  for (const [tier, code] of [
    ["code", result.code],
    ["table", table],
  ] as const) {
    const file = path.join(scratch, `routes.gen.${tier}.js`);
    fs.writeFileSync(file, tooling.transpile(code));
    generated[tier] = (await import(pathToFileURL(file).href)) as GeneratedModule;
  }
});
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** JSON with object keys sorted, so parameter order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

function outcome(module: GeneratedModule, c: MatchCase): Expect | { threw: string } {
  const adapter = module.default.bind("example.com", c.subdomain === undefined ? {} : { subdomain: c.subdomain });
  try {
    const { endpoint, params } = adapter.match(c.path, c.method, c.websocket ? { websocket: true } : {});
    return { endpoint, params: { ...params } };
  } catch (e) {
    if (e instanceof RequestRedirect) return { redirect: e.newUrl };
    if (e instanceof MethodNotAllowed) return { methodNotAllowed: [...(e.validMethods ?? [])].sort() };
    if (e instanceof WebsocketMismatch) return { websocketMismatch: true };
    if (e instanceof NotFound) return { notFound: true };
    return { threw: String(e) };
  }
}

for (const tier of ["code", "table"] as const) {
  test(`${tier} tier: the compiled flask-app fixture matches every recorded request as Werkzeug ${answers.werkzeug} does`, () => {
    const wrong = answers.matches
      .map((c) => ({
        request: `${c.method} ${c.subdomain ? c.subdomain + "." : ""}example.com${c.path}${c.websocket ? " (websocket)" : ""}`,
        want: c.expect,
        got: outcome(generated[tier], c),
      }))
      .filter((r) => canonical(r.got) !== canonical(r.want));
    assert.deepEqual(wrong, []);
  });

  test(`${tier} tier: the compiled flask-app fixture builds every recorded URL as Werkzeug ${answers.werkzeug} does`, () => {
    const wrong = answers.builds
      .map((c) => {
        const adapter = generated[tier].default.bind("example.com");
        let got: unknown;
        try {
          got = { url: adapter.build(c.endpoint, c.values, c.forceExternal ? { forceExternal: true } : {}) };
        } catch (e) {
          got = e instanceof BuildError ? { buildError: true } : { threw: String(e) };
        }
        return { build: `${c.endpoint} ${JSON.stringify(c.values)}`, want: c.expect, got };
      })
      .filter((r) => JSON.stringify(r.got) !== JSON.stringify(r.want));
    assert.deepEqual(wrong, []);
  });
}
