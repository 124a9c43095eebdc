// Every option of the declaration API reaches the generated module: the option names are read
// from runtime/routing/declare.ts itself, so an option added there fails here until the compiler
// reads it and the generated RuleInfo / map options carry it (no option goes silently unread).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { compileRoutes } from "wz/compiler";
import type { MapOptions, ResolvedRuleOptions, RuleOptions } from "wz/routing";
import { importGenerated } from "./support/oracle.js";
import { IMPORTS, repoRoot, routesDir } from "./support/routes-files.js";

const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

/** The member names of an interface declared in runtime/routing/declare.ts. */
function membersOf(interfaceName: string): string[] {
  const file = path.join(repoRoot, "runtime", "routing", "declare.ts");
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  assert.ok(declaration, `${interfaceName} not found in declare.ts`);
  return declaration.members.map((m) => (m.name as ts.Identifier).text);
}

// A non-default value per option, written into the routes file, and what the resolved rule holds.
const ruleSamples: { [K in keyof RuleOptions]-?: { written: string; resolved: ResolvedRuleOptions[K] } } = {
  endpoint: { written: `"other"`, resolved: "other" },
  methods: { written: `["post", "GET"]`, resolved: ["GET", "HEAD", "POST"] },
  defaults: { written: `{ page: 2 }`, resolved: { page: 2 } },
  strictSlashes: { written: "false", resolved: false },
  mergeSlashes: { written: "false", resolved: false },
  redirectTo: { written: `"/elsewhere"`, resolved: "/elsewhere" },
  subdomain: { written: `"api"`, resolved: "api" },
  host: { written: `"example.org"`, resolved: "example.org" },
  alias: { written: "true", resolved: true },
  buildOnly: { written: "true", resolved: true },
  websocket: { written: "true", resolved: true },
};

const mapSamples: { [K in keyof MapOptions]-?: { written: string; resolved: MapOptions[K] } } = {
  strictSlashes: { written: "false", resolved: false },
  mergeSlashes: { written: "false", resolved: false },
  redirectDefaults: { written: "false", resolved: false },
  hostMatching: { written: "true", resolved: true },
  defaultSubdomain: { written: `"www"`, resolved: "www" },
  sortParameters: { written: "true", resolved: true },
};

async function compiled(routes: string): Promise<any> {
  const dir = routesDir({ "routes.ts": IMPORTS + routes });
  dirs.push(dir);
  const { code, diagnostics } = await compileRoutes({ file: dir.path("routes.ts") });
  assert.ok(code, diagnostics.map((d) => d.message).join("\n"));
  return (await importGenerated(code)).default;
}

test("every rule option reaches the generated module's RuleInfo", async () => {
  const names = membersOf("RuleOptions");
  assert.deepEqual(
    names.filter((n) => !(n in ruleSamples)),
    [],
    "options without a sample here: add one",
  );
  for (const name of names as Array<keyof RuleOptions>) {
    const sample = ruleSamples[name];
    const options = name === "endpoint" ? `{ endpoint: ${sample.written} }` : `{ endpoint: "e", ${name}: ${sample.written} }`;
    const map = await compiled(`export default routes([rule("/a/<x>", ${options})]);\n`);
    assert.deepEqual(map.compiled.rules[0][name], sample.resolved, `rule option ${name}`);
  }
});

test("every map option reaches the generated module's options", async () => {
  const names = membersOf("MapOptions");
  assert.deepEqual(
    names.filter((n) => !(n in mapSamples)),
    [],
    "options without a sample here: add one",
  );
  for (const name of names as Array<keyof MapOptions>) {
    const map = await compiled(`export default routes({ ${name}: ${mapSamples[name].written} }, [rule("/a", { endpoint: "a" })]);\n`);
    assert.deepEqual(map.options[name], mapSamples[name].resolved, `map option ${name}`);
  }
  assert.deepEqual(membersOf("RoutesOptions"), ["converters"], "RoutesOptions adds only converters to the map options");
});
