// The literal reader (a scanner for routes files of plain literals) must read exactly what the
// TypeScript reader reads, spans included, and give up -- never guess -- on anything else.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readRoutes } from "wz/compiler";
import { readLiteralRoutes } from "../compiler/read-literal.js";
import { toProjectPath } from "../compiler/project-path.js";
import { IMPORTS, generatedRoutes, repoRoot, routesDir } from "./support/routes-files.js";

const dir = routesDir();
after(() => dir.remove());

function bothReaders(name: string, text: string) {
  const file = toProjectPath(dir.write(name, text));
  const typescript = readRoutes(file);
  return { literal: readLiteralRoutes(file, readFileSync(file, "utf8")), typescript };
}

const LITERAL_FILES: Record<string, string> = {
  "plain.ts": generatedRoutes(50),
  "single-argument.ts": `${IMPORTS}export default routes([rule("/", { endpoint: "index" })])\n`,
  "factories.ts": `${IMPORTS}
// a comment
export default routes(
  { strictSlashes: false, "mergeSlashes": false, defaultSubdomain: 'www', },
  [
    /* block
       comment */
    rule('/a/<int(min=1):id>', { endpoint: 'a', methods: ['GET', "POST",], defaults: { n: -1.5, s: "x", b: false, z: null }, }),
    rule(\`/tpl/<path:rest>\`, { endpoint: null, strictSlashes: true, redirectTo: "/b/<rest>" }),
    rule("/c",),
    rule("/d", {}),
    submount("/api", [
      subdomain("<tenant>", [rule("/x", { endpoint: "x", websocket: true, buildOnly: false, alias: true, host: "h", subdomain: "s", mergeSlashes: true })]),
      endpointPrefix("admin.", [rule("/y", { endpoint: "y" }),]),
    ]),
    rule("/ünïcode/<name>", { endpoint: "ü" }),
  ],
);
`,
  "renamed.ts": `import { routes as r, rule as R } from "wz/routing";
export default r([R("/", { endpoint: "index" }), R("/multi", {
  endpoint: "multi-line call",
})]);`,
  "crlf.ts": `${IMPORTS}export default routes([\r\n  rule("/a", { endpoint: "a" }), // note\r\n  rule("/b", { endpoint: "b" }),\r\n]);\r\n`,
};

for (const [name, text] of Object.entries(LITERAL_FILES)) {
  test(`the literal reader reads ${name} exactly as the TypeScript reader does, spans included`, () => {
    const { literal, typescript } = bothReaders(name, text);
    assert.deepEqual(typescript.diagnostics, []);
    assert.notEqual(literal, undefined, "the literal reader gave up");
    assert.deepEqual(literal, typescript.source);
  });
}

test("the literal reader agrees with the TypeScript reader on the repository's literal routes files", () => {
  for (const relative of ["fixtures/github-api/routes.ts", "test/types/routes.ts"]) {
    const file = toProjectPath(path.join(repoRoot, relative));
    const literal = readLiteralRoutes(file, readFileSync(file, "utf8"));
    assert.notEqual(literal, undefined, `${relative}: the literal reader gave up`);
    assert.deepEqual(literal, readRoutes(file).source, relative);
  }
});

const GIVE_UP: Record<string, string> = {
  "a const reference": `${IMPORTS}const HOME = "/";\nexport default routes([rule(HOME, { endpoint: "index" })]);\n`,
  "as const": `${IMPORTS}export default routes([rule("/", { endpoint: "index", methods: ["GET"] as const })]);\n`,
  "a spread": `${IMPORTS}export default routes([...[rule("/", { endpoint: "index" })]]);\n`,
  "an unknown option": `${IMPORTS}export default routes([rule("/", { endpont: "index" })]);\n`,
  "a mistyped option": `${IMPORTS}export default routes([rule("/", { endpoint: 1 })]);\n`,
  "an undefined option": `${IMPORTS}export default routes([rule("/", { endpoint: undefined })]);\n`,
  "a duplicate key": `${IMPORTS}export default routes([rule("/", { endpoint: "a", endpoint: "b" })]);\n`,
  "an escape in a string": `${IMPORTS}export default routes([rule("/\\u0061", { endpoint: "index" })]);\n`,
  "a template with a substitution": `${IMPORTS}export default routes([rule(\`/\${"a"}\`, { endpoint: "index" })]);\n`,
  "an unimported factory": `import { routes } from "wz/routing";\nexport default routes([rule("/", { endpoint: "index" })]);\n`,
  "a local import": `${IMPORTS}import { slug } from "./converters.js";\nexport default routes({ converters: { slug } }, [rule("/<slug:s>")]);\n`,
  "a namespace import": `import * as wz from "wz/routing";\nexport default wz.routes([wz.rule("/")]);\n`,
  "a syntax error": `${IMPORTS}export default routes([rule("/", { endpoint: "index" }]);\n`,
  "two statements on one line": `${IMPORTS}export default routes([]) export default routes([]);\n`,
  "a missing default export": IMPORTS,
  "an extra argument": `${IMPORTS}export default routes({}, [], 1);\n`,
  "a bigint": `${IMPORTS}export default routes([rule("/", { defaults: { n: 1n } })]);\n`,
  "a __proto__ key": `${IMPORTS}export default routes([rule("/", { defaults: { __proto__: null } })]);\n`,
};

for (const [what, text] of Object.entries(GIVE_UP)) {
  test(`the literal reader leaves a file with ${what} to the TypeScript reader`, () => {
    const file = toProjectPath(dir.write("give-up.ts", text));
    assert.equal(readLiteralRoutes(file, text), undefined);
  });
}
