import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readRoutes, createRoutesProject, type DeclNode, type RoutesSource } from "wz/compiler";
import { IMPORTS, positionOf, repoRoot, routesDir } from "./support/routes-files.js";

const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

/** Read a routes file (plus other files beside it) and require that it read without diagnostics. */
function read(routesText: string, others: Record<string, string> = {}): RoutesSource {
  const dir = routesDir({ "routes.ts": routesText, ...others });
  dirs.push(dir);
  const { source, diagnostics } = readRoutes(dir.path("routes.ts"));
  assert.deepEqual(diagnostics, []);
  assert.ok(source);
  return source;
}

/** The declaration tree without spans, for comparing shapes. */
function shape(nodes: DeclNode[]): unknown[] {
  return nodes.map((node) => {
    const { span: _span, ...rest } = node;
    if (rest.kind === "rule") {
      const { pathSpan: _pathSpan, ...ruleRest } = rest;
      return ruleRest;
    }
    return { ...rest, rules: shape(rest.rules) };
  });
}

test("the full example reads into options, converters and a declaration tree", () => {
  const file = path.join(repoRoot, "test/fixtures/read/full.routes.ts");
  const { source, diagnostics } = readRoutes(file);
  assert.deepEqual(diagnostics, []);
  assert.ok(source);
  assert.equal(source.file, file);
  assert.deepEqual(source.options, {
    strictSlashes: false,
    mergeSlashes: true,
    redirectDefaults: false,
    hostMatching: false,
    defaultSubdomain: "www",
    sortParameters: true,
  });
  assert.deepEqual(
    source.converters.map(({ span: _span, ...c }) => c),
    [
      {
        name: "slug",
        modulePath: path.join(repoRoot, "test/fixtures/read/converters.ts"),
        exportName: "slug",
        isFactory: false,
        regex: "[a-z0-9-]+",
        partIsolating: true,
        weight: 100,
      },
      { name: "range", modulePath: path.join(repoRoot, "test/fixtures/read/converters.ts"), exportName: "range", isFactory: true },
      { name: "upper", modulePath: path.join(repoRoot, "test/fixtures/read/upper.ts"), exportName: "default", isFactory: false, regex: "[A-Z]+" },
      { name: "year", modulePath: file, exportName: "inline", isFactory: false, regex: "[0-9]{4}", weight: 50 },
    ],
  );
  assert.deepEqual(shape(source.rules), [
    { kind: "rule", path: "/", options: { endpoint: "index" } },
    { kind: "rule", path: "/users/<int(min=1):id>", options: { endpoint: "user.show", methods: ["GET", "POST"] } },
    { kind: "rule", path: "/page/", options: { endpoint: "page", defaults: { n: 1, neg: -2, s: "x", b: true, z: null } } },
    { kind: "rule", path: "/page/<int:n>", options: { endpoint: "page", strictSlashes: true, mergeSlashes: false } },
    { kind: "rule", path: "/old/<name>", options: { redirectTo: "/new/<name>", alias: false, buildOnly: false } },
    { kind: "rule", path: "/ws", options: { endpoint: "ws", websocket: true, subdomain: "live", host: "example.com" } },
    { kind: "rule", path: "/none", options: { endpoint: null } },
    { kind: "submount", path: "/api", rules: [{ kind: "rule", path: "/items/<uuid:id>", options: { endpoint: "api.item" } }] },
    { kind: "subdomain", subdomain: "<tenant>", rules: [{ kind: "rule", path: "/", options: { endpoint: "tenant.home" } }] },
    {
      kind: "endpointPrefix",
      prefix: "admin.",
      rules: [
        { kind: "rule", path: "/admin/", options: { endpoint: "index" } },
        { kind: "rule", path: "/admin/users", options: { endpoint: "users", methods: ["GET"] } },
      ],
    },
    { kind: "rule", path: "/local", options: { endpoint: "local" } },
  ]);
});

test("map options left out take Werkzeug's defaults", () => {
  const source = read(`${IMPORTS}export default routes({ sortParameters: true }, [rule("/")]);\n`);
  assert.deepEqual(source.options, {
    strictSlashes: true,
    mergeSlashes: true,
    redirectDefaults: true,
    hostMatching: false,
    defaultSubdomain: "",
    sortParameters: true,
  });
  assert.deepEqual(source.converters, []);
});

test("routes() with only a rule list reads with default options", () => {
  const source = read(`${IMPORTS}export default routes([rule("/a", { endpoint: "a" })]);\n`);
  assert.equal(source.options.strictSlashes, true);
  assert.deepEqual(shape(source.rules), [{ kind: "rule", path: "/a", options: { endpoint: "a" } }]);
});

test("a default export of a const holding routes() is followed", () => {
  const source = read(`${IMPORTS}const table = routes({ mergeSlashes: false }, [rule("/x")]);\nexport default table;\n`);
  assert.equal(source.options.mergeSlashes, false);
  assert.deepEqual(shape(source.rules), [{ kind: "rule", path: "/x", options: {} }]);
});

test("export { table as default } is read like export default", () => {
  const source = read(`${IMPORTS}const table = routes([rule("/y")]);\nexport { table as default };\n`);
  assert.deepEqual(shape(source.rules), [{ kind: "rule", path: "/y", options: {} }]);
});

test("every rule option kind is read: strings, null, arrays, objects, booleans, negative numbers", () => {
  const source = read(`${IMPORTS}export default routes([
  rule("/a", {
    endpoint: "a", methods: ["GET", "PUT"], defaults: { n: -1.5, s: "x", t: true, f: false, z: null, hex: 0x10 },
    strictSlashes: false, mergeSlashes: true, redirectTo: "/b", subdomain: "<sub>", host: "h.example",
    alias: true, buildOnly: false, websocket: false,
  }),
  rule("/b", { endpoint: null }),
]);\n`);
  assert.deepEqual(shape(source.rules), [
    {
      kind: "rule",
      path: "/a",
      options: {
        endpoint: "a",
        methods: ["GET", "PUT"],
        defaults: { n: -1.5, s: "x", t: true, f: false, z: null, hex: 16 },
        strictSlashes: false,
        mergeSlashes: true,
        redirectTo: "/b",
        subdomain: "<sub>",
        host: "h.example",
        alias: true,
        buildOnly: false,
        websocket: false,
      },
    },
    { kind: "rule", path: "/b", options: { endpoint: null } },
  ]);
});

test("as const, satisfies, parentheses and template literals without substitutions are read through", () => {
  const source = read(`${IMPORTS}export default routes([
  rule(\`/t/<int:n>\`, ({ endpoint: \`t\`, methods: ["GET"] as const }) satisfies object),
  rule("/u" as const, { defaults: { n: (2) } as const }),
]);\n`);
  assert.deepEqual(shape(source.rules), [
    { kind: "rule", path: "/t/<int:n>", options: { endpoint: "t", methods: ["GET"] } },
    { kind: "rule", path: "/u", options: { defaults: { n: 2 } } },
  ]);
});

test("const variables resolve to their literals, in the file and across imports", () => {
  const source = read(
    `${IMPORTS}import { METHODS, PREFIX, base } from "./values.js";
const endpointName = "home";
const common = { methods: METHODS } as const;
const withDefaults = { ...common, defaults: { page: 1 } };
export default routes({ defaultSubdomain: base.subdomain }, [
  rule(PREFIX, { endpoint: endpointName, ...withDefaults }),
]);\n`,
    {
      "values.ts": `export const METHODS = ["GET", "HEAD"] as const;\nexport const PREFIX = "/home";\nexport const base = { subdomain: "www" };\n`,
    },
  );
  assert.equal(source.options.defaultSubdomain, "www");
  assert.deepEqual(shape(source.rules), [{ kind: "rule", path: "/home", options: { endpoint: "home", methods: ["GET", "HEAD"], defaults: { page: 1 } } }]);
});

test("shorthand properties and const option objects are resolved", () => {
  const source = read(
    `${IMPORTS}const endpoint = "short";\nconst methods = ["GET"];\nconst options = { endpoint, methods };\nexport default routes([rule("/s", options), rule("/t", { endpoint })]);\n`,
  );
  assert.deepEqual(shape(source.rules), [
    { kind: "rule", path: "/s", options: { endpoint: "short", methods: ["GET"] } },
    { kind: "rule", path: "/t", options: { endpoint: "short" } },
  ]);
});

test("factories nest: submount inside subdomain inside endpointPrefix", () => {
  const source = read(`${IMPORTS}export default routes([
  endpointPrefix("admin.", [
    subdomain("<tenant>", [
      submount("/api", [submount("/v1", [rule("/items", { endpoint: "items" })])]),
    ]),
  ]),
]);\n`);
  assert.deepEqual(shape(source.rules), [
    {
      kind: "endpointPrefix",
      prefix: "admin.",
      rules: [
        {
          kind: "subdomain",
          subdomain: "<tenant>",
          rules: [
            {
              kind: "submount",
              path: "/api",
              rules: [{ kind: "submount", path: "/v1", rules: [{ kind: "rule", path: "/items", options: { endpoint: "items" } }] }],
            },
          ],
        },
      ],
    },
  ]);
});

test("factories renamed on import or used through a namespace import are recognised", () => {
  const source = read(`import { routes as table, rule as r, submount as mount } from "wz/routing";
import * as wz from "wz/routing";
export default table([mount("/m", [r("/a")]), wz.rule("/b"), wz.endpointPrefix("p.", [])]);\n`);
  assert.deepEqual(shape(source.rules), [
    { kind: "submount", path: "/m", rules: [{ kind: "rule", path: "/a", options: {} }] },
    { kind: "rule", path: "/b", options: {} },
    { kind: "endpointPrefix", prefix: "p.", rules: [] },
  ]);
});

test("spreads of const rule arrays are flattened, from the same file and from another module", () => {
  const source = read(
    `${IMPORTS}import { shared } from "./shared.js";
import * as more from "./more.js";
const local = [rule("/l1"), rule("/l2")] as const;
const single = rule("/single");
export default routes([...local, single, submount("/s", [...shared]), ...more.rules]);\n`,
    {
      "shared.ts": `import { rule as r } from "wz/routing";\nexport const shared = [r("/shared", { endpoint: "shared" })];\n`,
      "more.ts": `import { rule } from "wz/routing";\nimport { shared } from "./shared.js";\nexport const rules = [...shared, rule("/more")];\n`,
    },
  );
  assert.deepEqual(shape(source.rules), [
    { kind: "rule", path: "/l1", options: {} },
    { kind: "rule", path: "/l2", options: {} },
    { kind: "rule", path: "/single", options: {} },
    { kind: "submount", path: "/s", rules: [{ kind: "rule", path: "/shared", options: { endpoint: "shared" } }] },
    { kind: "rule", path: "/shared", options: { endpoint: "shared" } },
    { kind: "rule", path: "/more", options: {} },
  ]);
});

test("a rule's span is its call and its pathSpan is the rule string's contents, inside the quotes", () => {
  const text = `${IMPORTS}export default routes([\n  rule("/users/<int:id>", { endpoint: "user" }),\n  submount("/api", [\n    rule('/x'),\n  ]),\n]);\n`;
  const source = read(text);
  const [first, mount] = source.rules;
  assert.ok(first?.kind === "rule" && mount?.kind === "submount");
  const line = `  rule("/users/<int:id>", { endpoint: "user" }),`;
  assert.deepEqual(first.span, { file: source.file, ...positionOf(text, `rule("/users`), length: line.length - 3, lineText: line });
  assert.deepEqual(first.pathSpan, { file: source.file, ...positionOf(text, `/users/<int:id>`), length: "/users/<int:id>".length, lineText: line });
  // A call over several lines: the span stops at the end of its first line.
  assert.deepEqual(mount.span, {
    file: source.file,
    ...positionOf(text, `submount("/api"`),
    length: `submount("/api", [`.length,
    lineText: `  submount("/api", [`,
  });
  const inner = mount.rules[0];
  assert.ok(inner?.kind === "rule");
  assert.deepEqual(inner.pathSpan, { file: source.file, ...positionOf(text, `/x`), length: 2, lineText: `    rule('/x'),` });
});

test("a rule string held in a const of another module is located in that module", () => {
  const source = read(`${IMPORTS}import { HOME } from "./paths.js";\nexport default routes([rule(HOME)]);\n`, {
    "paths.ts": `export const HOME = "/home/<name>";\n`,
  });
  const [home] = source.rules;
  assert.ok(home?.kind === "rule");
  assert.equal(path.basename(home.pathSpan!.file), "paths.ts");
  assert.deepEqual({ line: home.pathSpan!.line, column: home.pathSpan!.column, length: home.pathSpan!.length }, { line: 1, column: 22, length: 12 });
});

test("custom converters: named, renamed, default, namespace, re-exported and factory imports", () => {
  const source = read(
    `${IMPORTS}import { slug, range as rangeConverter } from "./converters.js";
import upper from "./upper.js";
import * as more from "./barrel.js";
import { hex } from "./barrel.js";
export const local = { regex: "[0-9]+", partIsolating: true } satisfies import("wz/routing").Converter;
export default routes({ converters: { slug, range: rangeConverter, upper, lower: more.lower, hex, local } }, []);\n`,
    {
      "converters.ts": `import type { Converter } from "wz/routing";
export const slug: Converter<string> = { regex: "[a-z-]+", weight: 150, toValue: (raw) => raw };
export const range = (min: number, max: number): Converter<number> => ({ regex: "\\\\d+", toValue: (raw) => Math.min(max, Math.max(min, Number(raw))) });\n`,
      "upper.ts": `export default { regex: "[A-Z]+" };\n`,
      "lower.ts": `function lowerConverter() { return { regex: "[a-z]+" }; }\nexport { lowerConverter as lower };\n`,
      "hex.ts": `const made = makeConverter();\nexport { made as hex };\nfunction makeConverter() { return { regex: "[0-9a-f]+" }; }\n`,
      "barrel.ts": `export * from "./lower.js";\nexport { hex } from "./hex.js";\n`,
    },
  );
  const dir = path.dirname(source.file);
  assert.deepEqual(
    source.converters.map(({ span: _span, ...c }) => c),
    [
      { name: "slug", modulePath: path.join(dir, "converters.ts"), exportName: "slug", isFactory: false, regex: "[a-z-]+", weight: 150 },
      { name: "range", modulePath: path.join(dir, "converters.ts"), exportName: "range", isFactory: true },
      { name: "upper", modulePath: path.join(dir, "upper.ts"), exportName: "default", isFactory: false, regex: "[A-Z]+" },
      { name: "lower", modulePath: path.join(dir, "lower.ts"), exportName: "lower", isFactory: true },
      { name: "hex", modulePath: path.join(dir, "hex.ts"), exportName: "hex", isFactory: false },
      { name: "local", modulePath: source.file, exportName: "local", isFactory: false, regex: "[0-9]+", partIsolating: true },
    ],
  );
});

test("a converter's span points at its entry in the converters object", () => {
  const text = `${IMPORTS}import { slug } from "./slug.js";\nexport default routes({ converters: { slug } }, []);\n`;
  const source = read(text, { "slug.ts": `export const slug = { regex: "[a-z]+" };\n` });
  assert.deepEqual(
    { line: source.converters[0]!.span.line, column: source.converters[0]!.span.column, length: source.converters[0]!.span.length },
    { ...positionOf(text, "slug }", "converters"), length: 4 },
  );
});

test("one project can be reused across reads; a refreshed file is read anew", () => {
  const dir = routesDir({ "routes.ts": `${IMPORTS}export default routes([rule("/one")]);\n` });
  dirs.push(dir);
  const project = createRoutesProject();
  const first = readRoutes(dir.path("routes.ts"), project);
  assert.deepEqual(shape(first.source!.rules), [{ kind: "rule", path: "/one", options: {} }]);
  dir.write("routes.ts", `${IMPORTS}export default routes([rule("/two")]);\n`);
  project.getSourceFile(dir.path("routes.ts"))!.refreshFromFileSystemSync();
  const second = readRoutes(dir.path("routes.ts"), project);
  assert.deepEqual(shape(second.source!.rules), [{ kind: "rule", path: "/two", options: {} }]);
});

test("a JavaScript routes file with a converter from a .mjs module reads the same way", () => {
  const dir = routesDir({
    "routes.js": `import { routes, rule } from "wz/routing";\nimport { slug } from "./conv.mjs";\nconst P = "/p";\nexport default routes({ converters: { slug } }, [rule(P, { endpoint: "p" })]);\n`,
    "conv.mjs": `export const slug = { regex: "[a-z]+" };\n`,
  });
  dirs.push(dir);
  const { source, diagnostics } = readRoutes(dir.path("routes.js"));
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(shape(source!.rules), [{ kind: "rule", path: "/p", options: { endpoint: "p" } }]);
  assert.deepEqual(
    source!.converters.map((c) => [c.name, path.basename(c.modulePath), c.exportName, c.regex]),
    [["slug", "conv.mjs", "slug", "[a-z]+"]],
  );
});
