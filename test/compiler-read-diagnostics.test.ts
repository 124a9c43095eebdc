import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readRoutes, formatDiagnostic, formatDiagnostics, type Diagnostic } from "wz/compiler";
import { IMPORTS, positionOf, routesDir } from "./support/routes-files.js";

const dirs: Array<{ remove(): void }> = [];
after(() => dirs.forEach((d) => d.remove()));

function diagnose(routesText: string, others: Record<string, string> = {}): { diagnostics: Diagnostic[]; read: boolean } {
  const dir = routesDir({ "routes.ts": routesText, ...others });
  dirs.push(dir);
  const { source, diagnostics } = readRoutes(dir.path("routes.ts"));
  return { diagnostics, read: source !== null };
}

/** The one diagnostic of a routes file, reduced to position, message and suggestion. */
function only(routesText: string, others: Record<string, string> = {}) {
  const { diagnostics, read } = diagnose(routesText, others);
  assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join("\n"));
  const [d] = diagnostics;
  if (d!.severity === "error") assert.equal(read, false, "an error leaves no source");
  return { line: d!.line, column: d!.column, length: d!.length, message: d!.message, severity: d!.severity, suggestion: d!.suggestion };
}

const routesOf = (rules: string, options = "") => `${IMPORTS}export default routes(${options ? `${options}, ` : ""}[\n  ${rules},\n]);\n`;

test("a misspelt rule option is an error at the key, suggesting the option", () => {
  const text = routesOf(`rule("/", { endpont: "index" })`);
  assert.deepEqual(only(text), {
    ...positionOf(text, "endpont"),
    length: 7,
    message: `unknown rule option "endpont"`,
    severity: "error",
    suggestion: "endpoint",
  });
});

test("Werkzeug's snake_case option names suggest wz's camelCase", () => {
  const text = routesOf(`rule("/", { redirect_to: "/x" })`);
  assert.deepEqual(only(text), {
    ...positionOf(text, "redirect_to"),
    length: 11,
    message: `unknown rule option "redirect_to"`,
    severity: "error",
    suggestion: "redirectTo",
  });
});

test("an unknown option with nothing close has no suggestion, whatever its name", () => {
  assert.equal(only(routesOf(`rule("/", { handler: "x" })`)).suggestion, undefined);
  assert.equal(only(routesOf(`rule("/", { constructor: "x" })`)).message, `unknown rule option "constructor"`);
  assert.equal(only(routesOf(`rule("/")`, `{ toString: "x" }`)).message, `unknown map option "toString"`);
});

test("a misspelt map option suggests the option", () => {
  const text = routesOf(`rule("/")`, `{ hostMatch: true }`);
  assert.deepEqual(only(text), {
    ...positionOf(text, "hostMatch"),
    length: 9,
    message: `unknown map option "hostMatch"`,
    severity: "error",
    suggestion: "hostMatching",
  });
});

test("a misspelt factory is an error at its name, suggesting the factory", () => {
  const text = routesOf(`submont("/api", [])`);
  assert.deepEqual(only(text), {
    ...positionOf(text, "submont"),
    length: 7,
    message: `"submont" is not a declaration from "wz/routing"`,
    severity: "error",
    suggestion: "submount",
  });
});

test("a misspelt factory suggests the name it was imported under", () => {
  const text = `import { routes, rule as route } from "wz/routing";\nexport default routes([routes("/")]);\n`;
  const misspelt = `import { routes, rule as route } from "wz/routing";\nexport default routes([rout("/")]);\n`;
  assert.equal(only(misspelt).suggestion, "route");
  assert.match(only(text).message, /routes\(\) is the default export/);
});

test("a factory used without importing it from wz/routing is reported", () => {
  const text = `import { routes } from "wz/routing";\nexport default routes([rule("/")]);\n`;
  assert.deepEqual(only(text), {
    ...positionOf(text, "rule("),
    length: 4,
    message: `rule() is not imported from "wz/routing"; add \`import { rule } from "wz/routing"\``,
    severity: "error",
    suggestion: undefined,
  });
});

test("a function call where a value is expected names the call", () => {
  const text = `${IMPORTS}function methods() { return ["GET"]; }\nexport default routes([rule("/", { methods: methods() })]);\n`;
  assert.deepEqual(only(text), {
    ...positionOf(text, "methods()", "rule("),
    length: 9,
    message: 'rule option "methods" cannot be read statically: `methods()` is a function call; write a literal or a const',
    severity: "error",
    suggestion: undefined,
  });
});

test("a computed value, a let, a parameter-free template with substitutions are each named", () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      `const base = "/a";\nexport default routes([rule(base + "/b")]);`,
      `base + "/b"`,
      /the rule string cannot be read statically: `base \+ "\/b"` is computed at run time/,
    ],
    [`let base = "/a";\nexport default routes([rule(base)]);`, `base)`, /`base` is not declared with const/],
    [`const n = 1;\nexport default routes([rule(\`/a/\${n}\`)]);`, "`/a/", /is a template literal with substitutions/],
    [`export default routes([rule("/", { defaults: { at: new Date() } })]);`, "new Date()", /`new Date\(\)` constructs an object at run time/],
    [
      `export default routes([rule("/", { endpoint: process.env.E })]);`,
      "process.env.E",
      /`process.env.E` does not resolve to a const declared in a local module/,
    ],
  ];
  for (const [body, needle, message] of cases) {
    const text = `${IMPORTS}${body}\n`;
    const d = only(text);
    assert.match(d.message, message);
    const at = positionOf(text, needle, "export default");
    assert.deepEqual({ line: d.line, column: d.column }, at, needle);
  }
});

test("a value imported from a module that does not exist, or that lacks the export, says so", () => {
  const missing = `${IMPORTS}import { HOME } from "./nowhere.js";\nexport default routes([rule(HOME)]);\n`;
  assert.deepEqual(only(missing), {
    ...positionOf(missing, "HOME)"),
    length: 4,
    severity: "error",
    suggestion: undefined,
    message: 'the rule string cannot be read statically: `HOME` is imported from "./nowhere.js", which cannot be found',
  });
  const lacking = `${IMPORTS}import { HOME } from "./paths.js";\nexport default routes([rule(HOME)]);\n`;
  assert.equal(
    only(lacking, { "paths.ts": `export const START = "/";\n` }).message,
    'the rule string cannot be read statically: `HOME` is imported from "./paths.js", which has no such export',
  );
});

test("a spread of something that is not a const array of rules is an error naming it", () => {
  const text = `${IMPORTS}import { make } from "./make.js";\nexport default routes([...make()]);\n`;
  const d = only(text, { "make.ts": "export const make = () => [];\n" });
  assert.deepEqual(
    { line: d.line, column: d.column, message: d.message },
    {
      ...positionOf(text, "make()", "export default"),
      message: "a spread in a rule list must be an array of rules (a literal or a const); `make()` is a function call",
    },
  );
});

test("a non-rule call in a rule list is an error, never skipped", () => {
  const text = `${IMPORTS}import { crud } from "./crud.js";\nexport default routes([rule("/"), crud("users")]);\n`;
  const d = only(text, { "crud.ts": "export const crud = (name: string) => name;\n" });
  assert.equal(
    d.message,
    'a rule list entry cannot be read statically: `crud("users")` is a function call; only rule(), submount(), subdomain() and endpointPrefix() from "wz/routing" are read',
  );
  assert.deepEqual({ line: d.line, column: d.column }, positionOf(text, `crud("users")`));
});

test("wrongly typed option values are errors at the value", () => {
  const cases: Array<[string, string, string]> = [
    [`rule("/", { methods: "GET" })`, `"GET"`, `rule option "methods" must be an array of strings, not "GET"`],
    [`rule("/", { strictSlashes: "yes" })`, `"yes"`, `rule option "strictSlashes" must be true or false, not "yes"`],
    [`rule("/", { endpoint: 5 })`, "5", `rule option "endpoint" must be a string or null, not 5`],
    [`rule("/", { defaults: { a: [1] } })`, "{ a: [1] }", `rule option "defaults" must be an object of strings, numbers, booleans or null, not {"a":[1]}`],
    [`rule(5)`, "5", `the rule string must be a string, not 5`],
  ];
  for (const [rule, needle, message] of cases) {
    const text = routesOf(rule);
    assert.deepEqual(only(text), { ...positionOf(text, needle, "  rule("), length: needle.length, message, severity: "error", suggestion: undefined });
  }
  const text = routesOf(`rule("/")`, `{ defaultSubdomain: true }`);
  assert.equal(only(text).message, `map option "defaultSubdomain" must be a string, not true`);
});

test("an option set to undefined is a warning, and the file still reads", () => {
  const text = routesOf(`rule("/", { websocket: undefined })`);
  assert.deepEqual(only(text), {
    ...positionOf(text, "undefined"),
    length: 9,
    message: `rule option "websocket" is undefined, which is the same as leaving it out`,
    severity: "warning",
    suggestion: undefined,
  });
  assert.equal(diagnose(text).read, true);
});

test("missing and extra factory arguments are reported at the call", () => {
  assert.match(only(routesOf(`rule()`)).message, /^rule\(\) needs a rule string/);
  assert.match(only(routesOf(`submount("/a")`)).message, /^submount\(\) needs a string and a rule list: submount\("\/prefix", \[ \.\.\. \]\)/);
  assert.match(only(routesOf(`rule("/", {}, 3)`)).message, /^rule\(\) takes a rule string and an options object/);
});

test("an option set twice in one object is an error", () => {
  const text = routesOf(`rule("/", { endpoint: "a", endpoint: "b" })`);
  const { diagnostics } = diagnose(text);
  assert.ok(diagnostics.some((d) => d.message === `"endpoint" is set twice in the rule options`));
});

test("routes() given only options, without a rule list, is an error saying what it got", () => {
  const text = `${IMPORTS}export default routes({ strictSlashes: false });\n`;
  assert.equal(only(text).message, "the rule list of routes() must be an array of rules (a literal or a const); `{ strictSlashes: false }` is an object");
});

test("a file without a default export, or whose default export is not routes(), is reported", () => {
  assert.match(
    only(`${IMPORTS}export const r = routes([]);\n`).message,
    /^a routes file needs a default export: `export default routes\(\{ \.\.\. \}, \[ \.\.\. \]\)`/,
  );
  assert.match(only(`${IMPORTS}export default [rule("/")];\n`).message, /^the default export must be a routes\(\.\.\.\) call from "wz\/routing"/);
});

test("a syntax error is reported with TypeScript's message and position", () => {
  const text = `${IMPORTS}export default routes([rule("/"]);\n`;
  const d = only(text);
  assert.equal(d.message, "',' expected.");
  assert.deepEqual({ line: d.line, column: d.column }, positionOf(text, "]);"));
});

test("a missing routes file is one diagnostic, not an exception", () => {
  const { source, diagnostics } = readRoutes("/nonexistent/routes.ts");
  assert.equal(source, null);
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /does not exist/);
});

test("a converter declared in the routes file but not exported is an error", () => {
  const text = `${IMPORTS}const slug = { regex: "[a-z]+" };\nexport default routes({ converters: { slug } }, []);\n`;
  assert.deepEqual(only(text), {
    ...positionOf(text, "slug }"),
    length: 4,
    severity: "error",
    suggestion: undefined,
    message: 'converter "slug" is declared in the routes file but not exported; add `export` to its declaration (the generated module imports it)',
  });
});

test("a converter written inline is an error: the generated module must import it", () => {
  const text = `${IMPORTS}export default routes({ converters: { slug: { regex: "[a-z]+" } } }, []);\n`;
  assert.match(only(text).message, /^converter "slug" is written inline; the generated module imports converters by name/);
});

test("a converter name unusable in a rule string is an error", () => {
  const text = `${IMPORTS}import { slug } from "./slug.js";\nexport default routes({ converters: { "my-slug": slug } }, []);\n`;
  assert.match(only(text, { "slug.ts": `export const slug = { regex: "x" };\n` }).message, /^converter name "my-slug" cannot be used in a rule string/);
});

test("errors in several places are all reported, in source order", () => {
  const text = routesOf(`rule("/", { endpont: "a" }),\n  rul("/b"),\n  rule("/c", { methds: ["GET"] })`);
  const { diagnostics } = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.line, d.suggestion]),
    [
      [3, "endpoint"],
      [4, "rule"],
      [5, "methods"],
    ],
  );
});

test("the code frame shows file:line:column, the line, an underline and the suggestion", () => {
  const diagnostic: Diagnostic = {
    file: "/app/routes.ts",
    line: 4,
    column: 15,
    length: 7,
    severity: "error",
    lineText: `  rule("/", { endpont: "index" }),`,
    message: `unknown rule option "endpont"`,
    suggestion: "endpoint",
  };
  assert.equal(
    formatDiagnostic(diagnostic, { cwd: "/app" }),
    [
      `routes.ts:4:15: error: unknown rule option "endpont"`,
      `    4 |   rule("/", { endpont: "index" }),`,
      `      |               ~~~~~~~`,
      `      = did you mean "endpoint"?`,
      ``,
    ].join("\n"),
  );
});

test("the code frame keeps absolute paths outside cwd, tabs in the underline and a caret for empty spans", () => {
  const diagnostic: Diagnostic = {
    file: "/elsewhere/routes.ts",
    line: 12,
    column: 3,
    length: 0,
    severity: "warning",
    lineText: "\t\trule(),",
    message: "something",
  };
  assert.equal(
    formatDiagnostic(diagnostic, { cwd: "/app" }),
    [`/elsewhere/routes.ts:12:3: warning: something`, `    12 | \t\trule(),`, `       | \t\t^`, ``].join("\n"),
  );
});

test("the code frame is coloured only when asked, and diagnostics are counted", () => {
  const diagnostic: Diagnostic = { file: "/a/r.ts", line: 1, column: 1, length: 1, lineText: "x", message: "m", severity: "error" };
  assert.doesNotMatch(formatDiagnostic(diagnostic), /\x1b\[/);
  assert.match(formatDiagnostic(diagnostic, { color: true }), /\x1b\[31m/);
  const text = formatDiagnostics([diagnostic, { ...diagnostic, severity: "warning" }, diagnostic], { cwd: "/a" });
  assert.match(text, /\n2 errors, 1 warning\n$/);
});
