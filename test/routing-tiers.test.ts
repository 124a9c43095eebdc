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
const tableOf = (rules: DeclNode[], options: Partial<typeof DEFAULT_MAP_OPTIONS> = {}) =>
  analyseRoutes({ file, options: { ...DEFAULT_MAP_OPTIONS, ...options }, converters: [], rules }).table;
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

test("a trie node with thousands of static siblings spread over a wide range of characters finds each of them, and nothing between them, in the table tier", async () => {
  // Every 7th CJK ideograph: too sparse for a node indexed by character, so the walker searches the sorted list.
  const chars = Array.from({ length: 3000 }, (_, k) => String.fromCharCode(0x4e00 + 7 * k));
  const rules: DeclNode[] = chars.map((c, k) => ({ kind: "rule", path: `/${c}`, options: { endpoint: `c${k}`, methods: ["GET"] } }) as DeclNode);
  const code = emitModule(tableOf(rules), { outFile, tier: "table" });
  assert.equal(isTableTier(code), true);
  const adapter = (await importGenerated(code)).default.bind("example.com");
  for (const k of [0, 1, 2, 1234, 1499, 1500, 2998, 2999]) assert.deepEqual(adapter.lookup(`/${chars[k]}`, "GET"), { endpoint: `c${k}`, params: {} });
  for (const miss of [0x4e00 - 1, 0x4e00 + 1, 0x4e00 + 7 * 1500 + 3, 0x4e00 + 7 * 3000, 0x41])
    assert.equal(adapter.lookup(`/${String.fromCharCode(miss)}`, "GET"), null);
  assert.deepEqual(adapter.lookup(`/${chars[2999]}`, "POST"), { status: 405, allowedMethods: ["GET", "HEAD"] });
});

test("a host-matching table whose hosts are all converters matches in the table tier (its import warm-up walks a host the first host part accepts)", async () => {
  const rules: DeclNode[] = [
    { kind: "rule", path: "/", options: { endpoint: "home", host: "<tenant>.example.com" } },
    { kind: "rule", path: "/items/<int:id>", options: { endpoint: "item", host: "<tenant>.example.com", methods: ["GET"] } },
    { kind: "rule", path: "/items/<int:id>", options: { endpoint: "api.item", host: "api.<region>.example.org" } },
  ] as DeclNode[];
  for (const tier of ["code", "table"] as const) {
    const code = emitModule(tableOf(rules, { hostMatching: true }), { outFile, tier });
    assert.equal(isTableTier(code), tier === "table");
    const map = (await importGenerated(code)).default;
    assert.deepEqual(map.bind("acme.example.com").lookup("/items/7", "GET"), { endpoint: "item", params: { tenant: "acme", id: 7 } }, tier);
    assert.deepEqual(map.bind("api.eu.example.org").lookup("/items/7", "GET"), { endpoint: "api.item", params: { region: "eu", id: 7 } }, tier);
    assert.deepEqual(map.bind("acme.example.com").lookup("/", "GET"), { endpoint: "home", params: { tenant: "acme" } }, tier);
    assert.equal(map.bind("example.com").lookup("/items/7", "GET"), null, tier);
    assert.deepEqual(map.bind("acme.example.com").lookup("/items/7", "POST"), { status: 405, allowedMethods: ["GET", "HEAD"] }, tier);
  }
});

test("the table tier answers every first character of a path as the code tier does, the 404s its first-character mask decides among them", async () => {
  // Static first segments, one a strict-slash rule, one non-ASCII, one empty (merge_slashes off),
  // and a subdomain whose first segment is dynamic (no mask there). Werkzeug's answers for such
  // paths: fixtures/oracle/cases-first-char.w3.json.
  const rules = [
    { kind: "rule", path: "/about", options: { endpoint: "about", methods: ["GET"] } },
    { kind: "rule", path: "/blog/", options: { endpoint: "blog", methods: ["GET"] } },
    { kind: "rule", path: "/blog/<int:n>", options: { endpoint: "post", methods: ["GET"] } },
    { kind: "rule", path: "/", options: { endpoint: "index", methods: ["GET"] } },
    { kind: "rule", path: "/~u", options: { endpoint: "tilde", methods: ["GET"] } },
    { kind: "rule", path: "/ü/x", options: { endpoint: "umlaut", methods: ["GET"] } },
    { kind: "rule", path: "//e", options: { endpoint: "empty", methods: ["GET"], mergeSlashes: false } },
    { kind: "rule", path: "/<name>/x", options: { endpoint: "sub", subdomain: "<sub>", methods: ["GET"] } },
  ] as DeclNode[];
  const table = tableOf(rules);
  const modules = (["code", "table"] as const).map((tier) => emitModule(table, { outFile, tier }));
  assert.deepEqual(modules.map(isTableTier), [false, true]);
  const [code, data] = await Promise.all(modules.map(async (module) => (await importGenerated(module)).default));
  const firsts = [...Array.from({ length: 0x180 }, (_, c) => String.fromCharCode(c)), "中", "\u{1F600}"];
  let notFound = 0;
  for (const subdomain of ["", "acme"]) {
    const [a, b] = [code, data].map((map) => map.bind("example.com", { subdomain }));
    for (const first of firsts) {
      for (const path of [`/${first}`, `/${first}/`, `/${first}bout`, `/${first}/x`, `/${first}//x`, `/${first}log/7`]) {
        for (const method of ["GET", "POST"]) {
          const expected = a.lookup(path, method);
          if (expected === null) notFound++;
          assert.deepEqual(b.lookup(path, method), expected, `${subdomain} ${method} ${JSON.stringify(path)}`);
        }
      }
    }
  }
  assert.ok(notFound > 1000);
});
