// Which matcher tier the compiler emits: the code tier for small tables, the table tier from
// TABLE_TIER_RULES rules on, and the code tier whatever is asked when the rules name more methods
// than a method mask holds. (Both tiers' answers are checked in the oracle, fixture and
// differential tests.)
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { analyseRoutes } from "../compiler/analyse.js";
import { emitModule, TABLE_TIER_RULES } from "../compiler/emit/index.js";
import { DEFAULT_MAP_OPTIONS, type DeclNode } from "../compiler/model.js";
import { importGenerated, repoRoot } from "./support/oracle.js";

const file = path.join(repoRoot, ".wz-tmp", "tiers", "routes.ts");
const outFile = file.replace(/\.ts$/, ".gen.ts");
const tableOf = (rules: DeclNode[]) => analyseRoutes({ file, options: { ...DEFAULT_MAP_OPTIONS }, converters: [], rules }).table;
const isTableTier = (code: string) => code.includes("new rt.TableMatcher(");
const numbered = (count: number): DeclNode[] =>
  Array.from({ length: count }, (_, k) => ({ kind: "rule", path: `/r${k}/<int:id>`, options: { endpoint: `r${k}`, methods: ["GET"] } }) as DeclNode);

test("tables below TABLE_TIER_RULES rules get the code tier, tables of that many the table tier, and both match alike", async () => {
  const small = emitModule(tableOf(numbered(TABLE_TIER_RULES - 1)), { outFile });
  const large = emitModule(tableOf(numbered(TABLE_TIER_RULES)), { outFile });
  assert.equal(isTableTier(small), false);
  assert.equal(isTableTier(large), true);
  for (const code of [small, large]) {
    const adapter = (await importGenerated(code)).default.bind("example.com");
    assert.deepEqual(adapter.lookup("/r7/42", "GET"), { endpoint: "r7", params: { id: 42 } });
    assert.equal(adapter.lookup("/r7/x", "GET"), null);
    assert.deepEqual(adapter.lookup("/r7/42", "POST"), { status: 405, allowedMethods: ["GET", "HEAD"] });
  }
});

test("a table whose rules name more than 30 methods keeps the code tier even when the table tier is asked for", async () => {
  const methods = Array.from({ length: 31 }, (_, k) => `M${k}`);
  const rules: DeclNode[] = methods.map((m) => ({ kind: "rule", path: "/x", options: { endpoint: m.toLowerCase(), methods: [m] } }) as DeclNode);
  const code = emitModule(tableOf(rules), { outFile, tier: "table" });
  assert.equal(isTableTier(code), false);
  const adapter = (await importGenerated(code)).default.bind("example.com");
  assert.deepEqual(adapter.lookup("/x", "M30"), { endpoint: "m30", params: {} });
  assert.deepEqual(adapter.lookup("/x", "GET"), { status: 405, allowedMethods: methods.slice().sort() });
});

test("a rule text holding U+2028 or U+2029 stays inside the generated comments in both tiers (both end a line comment in JavaScript)", async () => {
  const rules: DeclNode[] = [
    { kind: "rule", path: "/a\u2028globalThis.WZ_INJECTED=true\u2028", options: { endpoint: "x" } },
    { kind: "rule", path: "/b\u2029/<int:id>", options: { endpoint: "y" } },
  ];
  for (const tier of ["code", "table"] as const) {
    const code = emitModule(tableOf(rules), { outFile, tier });
    const adapter = (await importGenerated(code)).default.bind("example.com");
    assert.equal((globalThis as { WZ_INJECTED?: boolean }).WZ_INJECTED, undefined, `${tier} tier`);
    assert.deepEqual(adapter.lookup("/a\u2028globalThis.WZ_INJECTED=true\u2028", "GET"), { endpoint: "x", params: {} });
    assert.deepEqual(adapter.lookup("/b\u2029/7", "GET"), { endpoint: "y", params: { id: 7 } });
  }
});
