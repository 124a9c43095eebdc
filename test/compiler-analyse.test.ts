// Werkzeug's construction errors as compile-time diagnostics: each points at the place in the
// routes file (inside the rule string where it can), and offers a close match where one helps.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { compileRoutes, type Diagnostic } from "wz/compiler";
import { repoRoot } from "./support/oracle.js";

const dir = path.join(repoRoot, ".wz-tmp", "analyse", String(process.pid));
let n = 0;

async function diagnose(rules: string, options = "{}"): Promise<{ code: string; diagnostics: Diagnostic[]; source: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `routes-${n++}.ts`);
  const source = `import { routes, rule, submount } from "wz/routing";\n\nexport default routes(${options}, [\n${rules}\n]);\n`;
  fs.writeFileSync(file, source);
  const { code, diagnostics } = await compileRoutes({ file });
  return { code, diagnostics, source };
}

/** The text a diagnostic underlines. */
const underlined = (d: Diagnostic) => d.lineText.slice(d.column - 1, d.column - 1 + d.length);

test("an unknown converter is an error at the converter's name, with a did-you-mean", async () => {
  const { code, diagnostics } = await diagnose(`  rule("/users/<itn:id>", { endpoint: "user" }),`);
  assert.equal(code, "");
  const [d] = diagnostics;
  assert.equal(d!.severity, "error");
  assert.match(d!.message, /the converter 'itn' does not exist/);
  assert.equal(d!.suggestion, "int");
  assert.equal(d!.line, 4);
  assert.equal(underlined(d!), "itn");
});

test("a matched rule deeper than 1,000 segments is an error at the first slash past the limit, not a stack overflow", async () => {
  const deep = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`).join("/");
  const { code, diagnostics } = await diagnose(`  rule("/${deep(10_000)}", { endpoint: "deep" }),`);
  assert.equal(code, "");
  assert.match(diagnostics[0]!.message, /has 10,000 segments; a matched rule may have at most 1,000/);
  assert.equal(underlined(diagnostics[0]!), "/");
  assert.equal(diagnostics[0]!.column, `  rule("/${deep(1000)}`.length + 1);
  const fits = await diagnose(`  rule("/${deep(1000)}", { endpoint: "deep" }),`);
  assert.deepEqual(fits.diagnostics, []);
});

test("a malformed rule string is an error at its column", async () => {
  const { diagnostics } = await diagnose(`  rule("/a/<b", { endpoint: "x" }),`);
  assert.match(diagnostics[0]!.message, /malformed url rule/);
  assert.equal(underlined(diagnostics[0]!), "<b");
});

test("converter arguments Werkzeug cannot read, or does not take, are errors", async () => {
  const unreadable = await diagnose(`  rule("/<int(min=-5):n>", { endpoint: "x" }),`);
  assert.match(unreadable.diagnostics[0]!.message, /cannot parse converter argument/);
  const unexpected = await diagnose(`  rule("/<float(fixed_digits=2):n>", { endpoint: "x" }),`);
  assert.match(unexpected.diagnostics[0]!.message, /unexpected keyword argument 'fixed_digits'/);
  const badLength = await diagnose(`  rule("/<string(length=x):s>", { endpoint: "x" }),`);
  assert.match(badLength.diagnostics[0]!.message, /invalid literal for int\(\)/);
});

test("a variable used twice is an error, also across subdomain and path", async () => {
  const twice = await diagnose(`  rule("/<a>/<a>", { endpoint: "x" }),`);
  assert.match(twice.diagnostics[0]!.message, /duplicate argument 'a'/);
  assert.equal(underlined(twice.diagnostics[0]!), "<a>");
  const across = await diagnose(`  rule("/<a>", { endpoint: "x", subdomain: "<a>" }),`);
  assert.match(across.diagnostics[0]!.message, /duplicate argument 'a'/);
});

test("a rule without a leading slash is an error", async () => {
  const { diagnostics } = await diagnose(`  rule("users", { endpoint: "x" }),`);
  assert.match(diagnostics[0]!.message, /must start with a slash/);
});

test("a websocket rule with methods beyond GET/HEAD/OPTIONS is an error", async () => {
  const { diagnostics } = await diagnose(`  rule("/ws", { endpoint: "ws", websocket: true, methods: ["POST"] }),`);
  assert.match(diagnostics[0]!.message, /WebSocket rules can only use/);
});

test("redirectTo naming a variable the rule does not have is an error with a suggestion", async () => {
  const { diagnostics } = await diagnose(`  rule("/old/<name>", { redirectTo: "/new/<nmae>" }),`);
  assert.match(diagnostics[0]!.message, /redirectTo names "<nmae>"/);
  assert.equal(diagnostics[0]!.suggestion, "name");
});

test("errors inside a submounted rule point into the rule string as written", async () => {
  const { diagnostics } = await diagnose(`  submount("/api/v1", [\n    rule("/items/<uuidd:id>", { endpoint: "item" }),\n  ]),`);
  const d = diagnostics[0]!;
  assert.equal(d.suggestion, "uuid");
  assert.equal(d.line, 5);
  assert.equal(underlined(d), "uuidd");
});

test("a rule shadowed by an identical earlier rule is a warning, and the module is still emitted", async () => {
  const { code, diagnostics } = await diagnose(`  rule("/a/<int:x>", { endpoint: "one" }),\n  rule("/a/<int:y>", { endpoint: "two" }),`);
  assert.notEqual(code, "");
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.severity, "warning");
  assert.match(diagnostics[0]!.message, /shadowed by the identical rule at line 4/);
});

test("websocket dropped by a factory (as Werkzeug does) is a warning", async () => {
  const { code, diagnostics } = await diagnose(`  submount("/live", [rule("/ws", { endpoint: "ws", websocket: true })]),`);
  assert.notEqual(code, "");
  assert.equal(diagnostics[0]!.severity, "warning");
  assert.match(diagnostics[0]!.message, /"websocket" is dropped/);
});

test("several problems are all reported, not only the first", async () => {
  const { diagnostics } = await diagnose(`  rule("/<itn:a>", { endpoint: "x" }),\n  rule("/<b>/<b>", { endpoint: "y" }),\n  rule("nope", { endpoint: "z" }),`);
  assert.equal(diagnostics.filter((d) => d.severity === "error").length, 3);
  assert.deepEqual(
    diagnostics.map((d) => d.line),
    [4, 5, 6],
  );
});

test("a misspelt converter argument is Werkzeug's TypeError with a did-you-mean", async () => {
  const { code, diagnostics } = await diagnose(`  rule("/users/<int(mni=1):id>", { endpoint: "user" }),`);
  assert.equal(code, "");
  assert.deepEqual(
    diagnostics.map((d) => [d.message, d.suggestion]),
    [["IntegerConverter.__init__() got an unexpected keyword argument 'mni'", "min"]],
  );
  const far = await diagnose(`  rule("/users/<string(width=3):id>", { endpoint: "user" }),`);
  assert.deepEqual(
    far.diagnostics.map((d) => d.suggestion),
    [undefined],
  );
});
